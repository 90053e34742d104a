package dev.podloom.metering;

import dev.podloom.shared.Sql;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} records. A record is written only inside the transaction that charges (claimed first, its
 * answer stored before the commit), so it exists exactly when the charge does: a crash or error before the commit
 * leaves no record and the retry runs fresh; after the commit the retry replays the answer. Scoped per account,
 * kept at least 24 hours.
 */
@Singleton
public class IdempotencyRecords {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    /** A committed answer: the request's hash, the HTTP status and the exact JSON body. */
    public record Stored(String requestHash, int status, String body) {
    }

    private final Sql sql;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyRecords(Sql sql, Clock clock,
                              @Value("${podloom.idempotency.retention:24h}") Duration retention) {
        this.sql = sql;
        this.clock = clock;
        this.retention = retention.compareTo(Duration.ofHours(24)) < 0 ? Duration.ofHours(24) : retention;
    }

    public static void validateKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters, e.g. a UUID.", Map.of("field", HEADER));
        }
    }

    public static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(String body) {
        return hash(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The committed, unexpired answer under this key, if any. */
    @Transactional
    public Optional<Stored> find(UUID accountId, String key) {
        return sql.one("""
                SELECT request_hash, response_status, response_body FROM idempotency_keys
                WHERE account_id = ? AND idempotency_key = ? AND expires_at >= ? AND response_status IS NOT NULL""",
                rs -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)), accountId, key, Instant.now(clock));
    }

    /**
     * Claims the key inside the charging transaction. False when another transaction holds or committed it (on
     * PostgreSQL the insert waits for a concurrent holder to finish first).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    boolean claim(UUID accountId, String key, String requestHash) {
        Instant now = Instant.now(clock);
        sql.update("DELETE FROM idempotency_keys WHERE account_id = ? AND idempotency_key = ? AND expires_at < ?",
                accountId, key, now);
        return sql.update("""
                INSERT INTO idempotency_keys (account_id, idempotency_key, request_hash, state, created_at, expires_at)
                VALUES (?, ?, ?, 'done', ?, ?) ON CONFLICT DO NOTHING""",
                accountId, key, requestHash, now, now.plus(retention)) == 1;
    }

    /** Stores the answer of a claimed key, in the same transaction as the charge. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void answer(UUID accountId, String key, int status, String body) {
        sql.update("""
                UPDATE idempotency_keys SET response_status = ?, response_body = ?
                WHERE account_id = ? AND idempotency_key = ?""", status, body, accountId, key);
    }

    /** Frees a claimed key whose request was refused (402, 429): the key is not used up. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void release(UUID accountId, String key) {
        sql.update("DELETE FROM idempotency_keys WHERE account_id = ? AND idempotency_key = ?", accountId, key);
    }

    /** Deletes records past their retention; run periodically. Returns how many were removed. */
    @Transactional
    public int purgeExpired() {
        return sql.update("DELETE FROM idempotency_keys WHERE expires_at < ?", Instant.now(clock));
    }
}
