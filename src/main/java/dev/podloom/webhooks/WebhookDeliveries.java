package dev.podloom.webhooks;

import dev.podloom.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for webhook deliveries; the job's reads and writes each run in their own short transaction. */
@Singleton
class WebhookDeliveries {

    private static final String COLUMNS = """
            id, account_id, podcast_id, event_type, url, payload, status, attempts, last_status, last_error,
            next_attempt_at, created_at, delivered_at""";

    private final Sql sql;

    WebhookDeliveries(Sql sql) {
        this.sql = sql;
    }

    void insert(UUID id, UUID accountId, UUID podcastId, String eventType, String url, String payload, Instant now) {
        sql.update("""
                INSERT INTO webhook_deliveries (id, account_id, podcast_id, event_type, url, payload, status, attempts,
                                                next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)""", id, accountId, podcastId, eventType, url, payload,
                now, now);
    }

    @Transactional
    public Optional<WebhookDelivery> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ?", WebhookDeliveries::map, id);
    }

    @Transactional
    public void delivered(UUID id, int attempts, int status, Instant now) {
        sql.update("""
                UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL,
                       next_attempt_at = NULL, delivered_at = ?
                WHERE id = ?""", attempts, status, now, id);
    }

    /** Records a failed attempt; {@code nextAttempt} null means it was the last one. */
    @Transactional
    public void attemptFailed(UUID id, int attempts, Integer status, String error, Instant nextAttempt) {
        sql.update("""
                UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?,
                       next_attempt_at = ?
                WHERE id = ?""", nextAttempt == null ? "failed" : "pending", attempts, status,
                truncate(error, 2000), nextAttempt, id);
    }

    List<WebhookDelivery> recent(UUID accountId, UUID podcastId, int limit) {
        if (podcastId == null) {
            return sql.list("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE account_id = ? "
                    + "ORDER BY created_at DESC, id DESC LIMIT ?", WebhookDeliveries::map, accountId, limit);
        }
        return sql.list("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE account_id = ? AND podcast_id = ? "
                + "ORDER BY created_at DESC, id DESC LIMIT ?", WebhookDeliveries::map, accountId, podcastId, limit);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static WebhookDelivery map(ResultSet rs) throws SQLException {
        int code = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : code;
        return new WebhookDelivery(Sql.uuid(rs, "id"), Sql.uuid(rs, "account_id"), Sql.uuid(rs, "podcast_id"),
                rs.getString("event_type"), rs.getString("url"), rs.getString("payload"), rs.getString("status"),
                rs.getInt("attempts"), lastStatus, rs.getString("last_error"),
                Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "created_at"), Sql.instant(rs, "delivered_at"));
    }
}
