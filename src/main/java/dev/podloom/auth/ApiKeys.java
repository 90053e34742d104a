package dev.podloom.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.podloom.shared.Sql;
import dev.podloom.shared.TokenType;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, revokes and resolves API keys. Resolved keys are cached briefly to keep the database off
 * the hot path; the cache lifetime (default 2 s) bounds how long a key revoked on another node keeps
 * working, and a revocation on this node takes effect at once.
 */
@Singleton
public class ApiKeys {

    /** A key as listed to operators: the prefix only. */
    @Serdeable
    public record KeyInfo(UUID keyId, String type, String prefix, Instant createdAt, Instant expiresAt,
                          Instant revokedAt) {
    }

    public record IssuedKey(UUID keyId, String apiKey, TokenType type, String prefix, Instant expiresAt) {
    }

    record Resolved(Caller caller, Instant expiresAt, Instant revokedAt) {
    }

    private final Sql sql;
    private final Clock clock;
    private final Cache<String, Resolved> cache;

    public ApiKeys(Sql sql, Clock clock, @Value("${podloom.auth.key-cache-ttl:2s}") Duration cacheTtl) {
        this.sql = sql;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(100_000).build();
    }

    @Transactional
    public IssuedKey issue(UUID accountId, TokenType type, Instant expiresAt) {
        String key = ApiKeyFormat.generate(type);
        UUID id = UUID.randomUUID();
        String prefix = ApiKeyFormat.displayPrefix(key);
        sql.update("""
                INSERT INTO api_keys (id, account_id, token_type, key_hash, prefix, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                id, accountId, type.id(), ApiKeyFormat.hash(key), prefix, Instant.now(clock), expiresAt);
        return new IssuedKey(id, key, type, prefix, expiresAt);
    }

    /** Revokes a key; false when there is no such key. Revoking twice keeps the first time. */
    @Transactional
    public boolean revoke(UUID keyId) {
        Optional<String> hash = sql.one("SELECT key_hash FROM api_keys WHERE id = ?", rs -> rs.getString(1), keyId);
        if (hash.isEmpty()) {
            return false;
        }
        sql.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Instant.now(clock), keyId);
        cache.invalidate(hash.get());
        return true;
    }

    @Transactional
    public List<KeyInfo> list(UUID accountId) {
        return sql.list("""
                SELECT id, token_type, prefix, created_at, expires_at, revoked_at
                FROM api_keys WHERE account_id = ? ORDER BY created_at""",
                rs -> new KeyInfo(Sql.uuid(rs, "id"), rs.getString("token_type"), rs.getString("prefix"),
                        Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at")),
                accountId);
    }

    /** The caller a presented key stands for, or empty when it is malformed, unknown, revoked or expired. */
    public Optional<Caller> resolve(String presentedKey) {
        if (ApiKeyFormat.typeOf(presentedKey).isEmpty()) {
            return Optional.empty();
        }
        String hash = ApiKeyFormat.hash(presentedKey);
        Resolved resolved = cache.getIfPresent(hash);
        if (resolved == null) {
            resolved = lookup(hash).orElse(null);
            if (resolved == null) {
                return Optional.empty(); // unknown keys are not cached: a key issued a moment later must work
            }
            cache.put(hash, resolved);
        }
        Instant now = Instant.now(clock);
        if (resolved.revokedAt() != null || (resolved.expiresAt() != null && !now.isBefore(resolved.expiresAt()))) {
            return Optional.empty();
        }
        return Optional.of(resolved.caller());
    }

    @Transactional
    protected Optional<Resolved> lookup(String hash) {
        return sql.one("""
                SELECT id, account_id, token_type, prefix, expires_at, revoked_at
                FROM api_keys WHERE key_hash = ?""",
                rs -> new Resolved(
                        new Caller(Sql.uuid(rs, "account_id"), Sql.uuid(rs, "id"),
                                TokenType.fromId(rs.getString("token_type")).orElseThrow(), rs.getString("prefix")),
                        Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at")),
                hash);
    }
}
