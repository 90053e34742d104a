package dev.podloom.idempotency;

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
 * The Idempotency-Key protocol: {@link #begin} claims a key (or finds the finished answer to
 * replay), {@link #finish} stores the answer, {@link #abandon} frees the key after an unexpected
 * error so the client can retry. The claim is a primary-key insert, so of many concurrent requests
 * with one key exactly one proceeds; the others see it in progress (409) or replay its answer.
 */
@Singleton
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    /** A stored answer to replay: HTTP status and the exact JSON body. */
    public record StoredResponse(int status, String body) {
    }

    private final Sql sql;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyKeys(Sql sql, Clock clock, @Value("${podloom.idempotency.retention:24h}") Duration retention) {
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

    /**
     * Claims the key for this request. Empty: go ahead (and call finish or abandon). Present: the
     * finished answer of an earlier identical request, to replay.
     *
     * @throws ApiException 409 while the first request is still running, 422 for a different body
     */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public Optional<StoredResponse> begin(UUID accountId, String key, String requestHash) {
        Instant now = Instant.now(clock);
        // A record past its retention no longer counts: drop it so the key can be claimed afresh.
        sql.update("DELETE FROM idempotency_keys WHERE account_id = ? AND idempotency_key = ? AND expires_at < ?",
                accountId, key, now);
        int claimed = sql.update("""
                INSERT INTO idempotency_keys (account_id, idempotency_key, request_hash, state, created_at, expires_at)
                VALUES (?, ?, ?, 'in_progress', ?, ?) ON CONFLICT DO NOTHING""",
                accountId, key, requestHash, now, now.plus(retention));
        if (claimed == 1) {
            return Optional.empty();
        }
        record Existing(String hash, String state, Integer status, String body) {
        }
        Existing existing = sql.one("""
                SELECT request_hash, state, response_status, response_body FROM idempotency_keys
                WHERE account_id = ? AND idempotency_key = ?""",
                rs -> new Existing(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4)),
                accountId, key).orElseThrow(() -> new ApiException(ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                "A request with this Idempotency-Key is being processed; retry shortly.", Map.of(),
                Map.of("Retry-After", "1")));
        if (!existing.hash().equals(requestHash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used with a "
                    + "different request body. Use a new key for a new request.", Map.of("field", HEADER));
        }
        if (!"done".equals(existing.state())) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, "A request with this Idempotency-Key is "
                    + "still being processed; retry shortly.", Map.of(), Map.of("Retry-After", "1"));
        }
        return Optional.of(new StoredResponse(existing.status(), existing.body()));
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void finish(UUID accountId, String key, int status, String body) {
        sql.update("""
                UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ?
                WHERE account_id = ? AND idempotency_key = ?""", status, body, accountId, key);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void abandon(UUID accountId, String key) {
        sql.update("DELETE FROM idempotency_keys WHERE account_id = ? AND idempotency_key = ? AND state = 'in_progress'",
                accountId, key);
    }

    /** Deletes records past their retention; run periodically. Returns how many were removed. */
    @Transactional
    public int purgeExpired() {
        return sql.update("DELETE FROM idempotency_keys WHERE expires_at < ?", Instant.now(clock));
    }
}
