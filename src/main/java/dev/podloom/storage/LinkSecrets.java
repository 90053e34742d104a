package dev.podloom.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the link-signing secret comes from, so that every node signs and accepts the same links: the configured
 * value ({@code PODLOOM_LINK_SECRET}), or else the {@code link-secret} row of the {@code settings} table, created
 * once by whichever node starts first (insert-if-absent, so nodes starting together agree). A secret generated
 * into {@code PODLOOM_DATA_DIR/link-secret} by an earlier version is moved into the table when the table has none,
 * so links minted before the upgrade stay valid.
 */
final class LinkSecrets {

    static final String SETTING = "link-secret";
    private static final Logger LOG = LoggerFactory.getLogger(LinkSecrets.class);
    private static final int GENERATED_BYTES = 32;

    private LinkSecrets() {
    }

    static byte[] resolve(String configured, Path dataDir, DataSource database, Clock clock) {
        if (configured != null && !configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path legacyFile = dataDir.resolve("link-secret");
        Optional<byte[]> legacy = readLegacy(legacyFile);
        byte[] candidate = legacy.orElseGet(LinkSecrets::generate);
        byte[] shared = insertIfAbsentThenRead(database, Base64.getEncoder().encodeToString(candidate), clock);
        if (legacy.isPresent()) {
            if (Arrays.equals(shared, legacy.get())) {
                LOG.info("The link secret of {} is now kept in the database (settings '{}'), where every node finds "
                        + "it; the file is no longer read once the row exists and may be deleted", legacyFile, SETTING);
            } else {
                LOG.warn("{} is ignored: the database already holds the shared link secret (settings '{}'); links "
                        + "signed with the file's secret are no longer accepted", legacyFile, SETTING);
            }
        }
        return shared;
    }

    private static byte[] insertIfAbsentThenRead(DataSource database, String candidate, Clock clock) {
        try (Connection c = database.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO settings (name, text_value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    insert.setString(1, SETTING);
                    insert.setString(2, candidate);
                    insert.setTimestamp(3, Timestamp.from(Instant.now(clock)));
                    insert.executeUpdate();
                }
                try (PreparedStatement select = c.prepareStatement("SELECT text_value FROM settings WHERE name = ?")) {
                    select.setString(1, SETTING);
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("The link secret row vanished right after its insert");
                        }
                        return Base64.getDecoder().decode(rs.getString(1).strip());
                    }
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read or create the shared link secret in the database", e);
        }
    }

    private static Optional<byte[]> readLegacy(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the link secret " + file, e);
        } catch (IllegalArgumentException e) {
            LOG.warn("{} is not a base64 secret; ignoring it", file);
            return Optional.empty();
        }
    }

    private static byte[] generate() {
        byte[] secret = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
