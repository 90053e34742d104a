package dev.podloom.admin;

import dev.podloom.shared.Sql;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Read-only views operators need in the console: every account, and the podcasts that failed lately. */
@Singleton
@Requires(property = AdminTokenFilter.PROPERTY, pattern = ".+")
class AdminQueries {

    @Serdeable
    record AccountSummary(UUID accountId, String name, String tier, long credits, Instant createdAt, long activeKeys) {
    }

    @Serdeable
    record FailedPodcast(UUID podcastId, UUID accountId, String accountName, String errorCode, String errorMessage,
                         long creditsCharged, long creditsRefunded, Instant createdAt, Instant completedAt) {
    }

    private final Sql sql;

    AdminQueries(Sql sql) {
        this.sql = sql;
    }

    /** Newest first. A key counts as active until it is revoked (expiry is shown on the account's page). */
    @Transactional
    List<AccountSummary> accounts(int limit, int offset) {
        return sql.list("SELECT a.id, a.name, a.tier, a.balance, a.created_at, "
                        + "(SELECT COUNT(*) FROM api_keys k WHERE k.account_id = a.id AND k.revoked_at IS NULL) AS active_keys "
                        + "FROM accounts a ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?",
                rs -> new AccountSummary(Sql.uuid(rs, "id"), rs.getString("name"), rs.getString("tier"),
                        rs.getLong("balance"), Sql.instant(rs, "created_at"), rs.getLong("active_keys")),
                limit, offset);
    }

    @Transactional
    long accountCount() {
        return sql.count("SELECT COUNT(*) FROM accounts");
    }

    /** The most recent failures across all accounts, with the code and the message the client saw. */
    @Transactional
    List<FailedPodcast> recentFailures(int limit) {
        return sql.list("SELECT p.id, p.account_id, a.name, p.error_code, p.error_message, p.credits_charged, "
                        + "p.credits_refunded, p.created_at, p.completed_at FROM podcasts p "
                        + "JOIN accounts a ON a.id = p.account_id WHERE p.status = 'failed' "
                        + "ORDER BY p.completed_at DESC, p.id DESC LIMIT ?",
                rs -> new FailedPodcast(Sql.uuid(rs, "id"), Sql.uuid(rs, "account_id"), rs.getString("name"),
                        rs.getString("error_code"), rs.getString("error_message"), rs.getLong("credits_charged"),
                        rs.getLong("credits_refunded"), Sql.instant(rs, "created_at"), Sql.instant(rs, "completed_at")),
                limit);
    }
}
