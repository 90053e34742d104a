package dev.podloom.speechcache;

import dev.podloom.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code speech_cache_entries}: which clips the object store holds for the cache, how big they are and when
 * each was last used, shared by every node. Each method is its own short transaction.
 */
@Singleton
public class SpeechCacheIndex {

    /** One cached clip. */
    public record Entry(String cacheKey, String engine, String objectKey, long sizeBytes, Instant lastUsedAt) {
    }

    private static final String COLUMNS = "cache_key, engine, object_key, size_bytes, last_used_at";

    private final Sql sql;

    public SpeechCacheIndex(Sql sql) {
        this.sql = sql;
    }

    @Transactional
    public Optional<Entry> find(String cacheKey) {
        return sql.one("SELECT " + COLUMNS + " FROM speech_cache_entries WHERE cache_key = ?", SpeechCacheIndex::map,
                cacheKey);
    }

    /** Marks an entry used now (least recently used entries are evicted first). */
    @Transactional
    public void touch(String cacheKey, Instant now) {
        sql.update("UPDATE speech_cache_entries SET last_used_at = ? WHERE cache_key = ? AND last_used_at < ?",
                now, cacheKey, now);
    }

    /** Records a stored clip (or refreshes the entry another node recorded for the same key). */
    @Transactional
    public void record(String cacheKey, String engine, String objectKey, long sizeBytes, Instant now) {
        int inserted = sql.update("""
                INSERT INTO speech_cache_entries (cache_key, engine, object_key, size_bytes, created_at, last_used_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM speech_cache_entries WHERE cache_key = ?)""",
                cacheKey, engine, objectKey, sizeBytes, now, now, cacheKey);
        if (inserted == 0) {
            sql.update("UPDATE speech_cache_entries SET size_bytes = ?, last_used_at = ? WHERE cache_key = ?",
                    sizeBytes, now, cacheKey);
        }
    }

    /** Removes an entry; true when this call removed it (so the caller deletes its object). */
    @Transactional
    public boolean remove(String cacheKey) {
        return sql.update("DELETE FROM speech_cache_entries WHERE cache_key = ?", cacheKey) == 1;
    }

    @Transactional
    public long totalBytes() {
        return sql.count("SELECT COALESCE(SUM(size_bytes), 0) FROM speech_cache_entries");
    }

    @Transactional
    public long count() {
        return sql.count("SELECT COUNT(*) FROM speech_cache_entries");
    }

    /** The least recently used entries, oldest first. */
    @Transactional
    public List<Entry> leastRecentlyUsed(int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM speech_cache_entries ORDER BY last_used_at, cache_key LIMIT ?",
                SpeechCacheIndex::map, limit);
    }

    /** Entries not used since {@code cutoff}, oldest first. */
    @Transactional
    public List<Entry> unusedSince(Instant cutoff, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM speech_cache_entries WHERE last_used_at < ? "
                + "ORDER BY last_used_at, cache_key LIMIT ?", SpeechCacheIndex::map, cutoff, limit);
    }

    private static Entry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getString("cache_key"), rs.getString("engine"), rs.getString("object_key"),
                rs.getLong("size_bytes"), Sql.instant(rs, "last_used_at"));
    }
}
