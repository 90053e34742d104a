package dev.podloom.storage;

import dev.podloom.testsupport.Databases;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The link secret every node shares: configured, or one row in the database; on H2 and on PostgreSQL. */
class LinkSecretsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aConfiguredSecretIsUsedAsIsAndNothingIsStored(String engine) throws Exception {
        DataSource db = database(engine);

        byte[] secret = LinkSecrets.resolve("configured-secret-value", dir, db, Clock.systemUTC());

        assertThat(secret).isEqualTo("configured-secret-value".getBytes(StandardCharsets.UTF_8));
        assertThat(storedSecret(db)).isNull();
        assertThat(dir.resolve("link-secret")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void withoutConfigurationEveryNodeFindsTheSame32ByteSecretInTheDatabase(String engine) throws Exception {
        DataSource db = database(engine);

        byte[] first = LinkSecrets.resolve(null, dir.resolve("node-1"), db, Clock.systemUTC());
        byte[] second = LinkSecrets.resolve("", dir.resolve("node-2"), db, Clock.systemUTC());
        byte[] afterRestart = LinkSecrets.resolve(null, dir.resolve("node-1"), db, Clock.systemUTC());

        assertThat(first).hasSize(32).isEqualTo(second).isEqualTo(afterRestart);
        assertThat(Base64.getDecoder().decode(storedSecret(db))).isEqualTo(first);
        assertThat(dir.resolve("node-1/link-secret")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void nodesStartingAtTheSameMomentAgreeOnOneSecret(String engine) throws Exception {
        DataSource db = database(engine);
        List<Future<byte[]>> nodes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                Path dataDir = dir.resolve("node-" + i);
                nodes.add(pool.submit(() -> LinkSecrets.resolve(null, dataDir, db, Clock.systemUTC())));
            }
        }

        byte[] first = nodes.getFirst().get();
        for (Future<byte[]> node : nodes) {
            assertThat(node.get()).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSecretFileFromAnEarlierVersionMovesIntoTheDatabaseSoOldLinksStayValid(String engine) throws Exception {
        DataSource db = database(engine);
        byte[] old = "an-older-secret-of-32-bytes-long".getBytes(StandardCharsets.US_ASCII);
        Path upgraded = dir.resolve("upgraded");
        Files.createDirectories(upgraded);
        Files.writeString(upgraded.resolve("link-secret"), Base64.getEncoder().encodeToString(old));

        byte[] resolved = LinkSecrets.resolve(null, upgraded, db, Clock.systemUTC());
        byte[] otherNode = LinkSecrets.resolve(null, dir.resolve("new-node"), db, Clock.systemUTC());

        assertThat(resolved).isEqualTo(old);
        assertThat(otherNode).isEqualTo(old);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSecretFileIsIgnoredOnceTheDatabaseHoldsTheSharedSecret(String engine) throws Exception {
        DataSource db = database(engine);
        byte[] shared = LinkSecrets.resolve(null, dir.resolve("first"), db, Clock.systemUTC());
        Path late = dir.resolve("late");
        Files.createDirectories(late);
        Files.writeString(late.resolve("link-secret"),
                Base64.getEncoder().encodeToString("a-stale-secret-nobody-else-has!!".getBytes(StandardCharsets.US_ASCII)));

        assertThat(LinkSecrets.resolve(null, late, db, Clock.systemUTC())).isEqualTo(shared);
    }

    /** A fresh database with the settings table made by the real migration. */
    private static DataSource database(String engine) throws SQLException, IOException {
        DataSource db;
        if (engine.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
            db = h2;
        } else {
            Map<String, String> p = Databases.postgres();
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(p.get("datasources.default.url"));
            pg.setUser(p.get("datasources.default.username"));
            db = pg;
        }
        try (InputStream in = LinkSecretsTest.class.getResourceAsStream("/db/migration/V52__settings.sql");
             Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return db;
    }

    private static String storedSecret(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT text_value FROM settings WHERE name = 'link-secret'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
