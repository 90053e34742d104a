package dev.podloom.webhooks;

import dev.podloom.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The account's signing secret: created on demand, replaced on rotation. */
@Singleton
public class WebhookSecrets {

    /** What may be shown about a secret after its creation: enough to tell which one is in use. */
    public record SecretInfo(String prefix, Instant createdAt) {
    }

    private final Sql sql;
    private final Clock clock;

    public WebhookSecrets(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Creates or replaces the secret and returns it in full; deliveries not yet sent are signed with the new one. */
    @Transactional
    public String rotate(UUID accountId) {
        String secret = WebhookSigner.newSecret();
        Instant now = Instant.now(clock);
        if (!insertIfAbsent(accountId, secret, now)) {
            sql.update("UPDATE webhook_secrets SET secret = ?, created_at = ? WHERE account_id = ?",
                    secret, now, accountId);
        }
        return secret;
    }

    /**
     * The secret, creating one when the account has none yet (so a first webhook is always signed). Runs inside
     * the transaction that finishes a podcast, so two podcasts finishing at once must not collide on the key: the
     * insert skips a conflicting row and the read then sees the one that won.
     */
    @Transactional
    public String getOrCreate(UUID accountId) {
        Optional<String> existing = current(accountId);
        if (existing.isPresent()) {
            return existing.get();
        }
        insertIfAbsent(accountId, WebhookSigner.newSecret(), Instant.now(clock));
        return current(accountId).orElseThrow();
    }

    private boolean insertIfAbsent(UUID accountId, String secret, Instant now) {
        return sql.update("INSERT INTO webhook_secrets (account_id, secret, created_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", accountId, secret, now) == 1;
    }

    @Transactional
    public Optional<String> current(UUID accountId) {
        return sql.one("SELECT secret FROM webhook_secrets WHERE account_id = ?", rs -> rs.getString(1), accountId);
    }

    @Transactional
    public Optional<SecretInfo> info(UUID accountId) {
        return sql.one("SELECT secret, created_at FROM webhook_secrets WHERE account_id = ?",
                rs -> new SecretInfo(prefix(rs.getString("secret")), Sql.instant(rs, "created_at")), accountId);
    }

    static String prefix(String secret) {
        return secret.substring(0, Math.min(secret.length(), WebhookSigner.SECRET_PREFIX.length() + 4)) + "…";
    }
}
