package dev.podloom.podcasts;

import dev.podloom.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for podcasts. Status changes are guarded by the current status, so a finished podcast stays finished. */
@Singleton
public class PodcastRepository {

    private static final String COLUMNS = """
            id, account_id, api_key_id, status, stage, progress, spec, title, language, style, target_minutes,
            credits_charged, credits_refunded, error_code, error_message, duration_seconds, sources_exhausted,
            voices, audio_key, audio_bytes, transcript_key, chapters_key, attempts, created_at, started_at, completed_at""";

    private final Sql sql;

    public PodcastRepository(Sql sql) {
        this.sql = sql;
    }

    /** Inserts a new podcast (inside the charging transaction). */
    public void insert(UUID id, UUID accountId, UUID apiKeyId, String spec, String language, String style,
                          int targetMinutes, long creditsCharged, Instant createdAt) {
        sql.update("""
                INSERT INTO podcasts (id, account_id, api_key_id, status, stage, progress, spec, language, style,
                                      target_minutes, credits_charged, created_at)
                VALUES (?, ?, ?, 'requested', 'queued', 0, ?, ?, ?, ?, ?, ?)""",
                id, accountId, apiKeyId, spec, language, style, targetMinutes, creditsCharged, createdAt);
    }

    /** Marks a podcast just inserted as a revision of {@code of} (inside the charging transaction). */
    public void markRevisionOf(UUID id, UUID of) {
        sql.update("UPDATE podcasts SET revision_of = ? WHERE id = ?", of, id);
    }

    /** Records the characters each speech engine was sent for a podcast (once; a repeat adds nothing). */
    public void recordSpeechUsage(UUID id, java.util.Map<String, Long> charactersByEngine) {
        sql.batch("""
                INSERT INTO podcast_speech_usage (podcast_id, engine, characters)
                SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM podcast_speech_usage WHERE podcast_id = ? AND engine = ?)""",
                charactersByEngine.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> new Object[]{id, e.getKey(), e.getValue(), id, e.getKey()}).toList());
    }

    /** Characters sent per speech engine for a podcast, by engine id (empty until it completes). */
    @Transactional
    public java.util.Map<String, Long> speechUsage(UUID id) {
        java.util.Map<String, Long> usage = new java.util.TreeMap<>();
        sql.list("SELECT engine, characters FROM podcast_speech_usage WHERE podcast_id = ?",
                rs -> java.util.Map.entry(rs.getString("engine"), rs.getLong("characters")), id)
                .forEach(e -> usage.put(e.getKey(), e.getValue()));
        return usage;
    }

    @Transactional
    public Optional<Podcast> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM podcasts WHERE id = ?", PodcastRepository::map, id);
    }

    /** The account's own podcast, or empty, so another account's id is indistinguishable from an unknown one. */
    @Transactional
    public Optional<Podcast> findOwned(UUID id, UUID accountId) {
        return sql.one("SELECT " + COLUMNS + " FROM podcasts WHERE id = ? AND account_id = ?",
                PodcastRepository::map, id, accountId);
    }

    /** Newest first, one page at a time. */
    @Transactional
    public List<Podcast> listOwned(UUID accountId, PodcastStatus status, int limit, int offset) {
        if (status == null) {
            return sql.list("SELECT " + COLUMNS + " FROM podcasts WHERE account_id = ? "
                    + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", PodcastRepository::map, accountId, limit, offset);
        }
        return sql.list("SELECT " + COLUMNS + " FROM podcasts WHERE account_id = ? AND status = ? "
                        + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", PodcastRepository::map,
                accountId, status.id(), limit, offset);
    }

    @Transactional
    public long countOwned(UUID accountId, PodcastStatus status) {
        return status == null
                ? sql.count("SELECT COUNT(*) FROM podcasts WHERE account_id = ?", accountId)
                : sql.count("SELECT COUNT(*) FROM podcasts WHERE account_id = ? AND status = ?", accountId, status.id());
    }


    /** Starts (or restarts, after a crash) a run; returns the attempt number, or 0 if the podcast is finished. */
    @Transactional
    public int startAttempt(UUID id, Instant now) {
        int changed = sql.update("""
                UPDATE podcasts SET status = 'processing', stage = 'starting', progress = 1, attempts = attempts + 1,
                                    started_at = COALESCE(started_at, ?)
                WHERE id = ? AND status IN ('requested', 'processing')""", now, id);
        if (changed == 0) {
            return 0;
        }
        return sql.one("SELECT attempts FROM podcasts WHERE id = ?", rs -> rs.getInt(1), id).orElse(0);
    }

    /** A transient failure: the podcast stays processing and waits for its next attempt. */
    @Transactional
    public void retrying(UUID id) {
        sql.update("UPDATE podcasts SET stage = 'retrying' WHERE id = ? AND status = 'processing'", id);
    }

    @Transactional
    public void progress(UUID id, String stage, int progress) {
        sql.update("UPDATE podcasts SET stage = ?, progress = ? WHERE id = ? AND status = 'processing'",
                stage, progress, id);
    }

    /** Completes a processing podcast; false when it was not processing (already finished). */
    @Transactional
    /** {@code sources} or {@code none} (topic-only), as its feed item tells listeners. */
    public void markGrounding(UUID id, String grounding) {
        sql.update("UPDATE podcasts SET grounding = ? WHERE id = ?", grounding, id);
    }

    public boolean complete(UUID id, String title, double durationSeconds, boolean sourcesExhausted, String voices,
                         String audioKey, long audioBytes, String transcriptKey, String chaptersKey, Instant now) {
        int changed = sql.update("""
                UPDATE podcasts SET status = 'completed', stage = 'completed', progress = 100, title = ?,
                       duration_seconds = ?, sources_exhausted = ?, voices = ?, audio_key = ?, audio_bytes = ?,
                       transcript_key = ?, chapters_key = ?, completed_at = ?
                WHERE id = ? AND status = 'processing'""",
                title, durationSeconds, sourcesExhausted, voices, audioKey, audioBytes, transcriptKey, chaptersKey,
                now, id);
        return changed == 1;
    }

    /** Marks the podcast failed; false when it had already finished (so the caller must not refund). */
    public boolean fail(UUID id, String code, String message, long refunded, Instant now) {
        return sql.update("""
                UPDATE podcasts SET status = 'failed', stage = 'failed', error_code = ?, error_message = ?,
                       credits_refunded = ?, completed_at = ?
                WHERE id = ? AND status IN ('requested', 'processing')""",
                code, truncate(message, 2000), refunded, now, id) == 1;
    }

    // --- translations (issue 13): a translated podcast names the podcast it translates --------------------------

    /** A translation of a podcast, as its original's details list it. */
    @io.micronaut.serde.annotation.Serdeable
    public record TranslationRef(UUID podcastId, String language, String status) {
    }

    /** Marks a new podcast as the translation of {@code originalId} (inside the charging transaction). */
    public void markTranslation(UUID id, UUID originalId) {
        sql.update("UPDATE podcasts SET translation_of = ? WHERE id = ?", originalId, id);
    }

    /** The podcast this one translates, or empty when it is no translation. */
    @Transactional
    public Optional<UUID> translationOf(UUID id) {
        return sql.one("SELECT translation_of FROM podcasts WHERE id = ?",
                rs -> Optional.ofNullable(Sql.uuid(rs, "translation_of")), id).flatMap(o -> o);
    }

    /** The translations of a podcast, oldest first. */
    @Transactional
    public List<TranslationRef> translations(UUID originalId) {
        return sql.list("SELECT id, language, status FROM podcasts WHERE translation_of = ? ORDER BY created_at, id",
                rs -> new TranslationRef(Sql.uuid(rs, "id"), rs.getString("language"),
                        rs.getString("status")), originalId);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static Podcast map(ResultSet rs) throws SQLException {
        double duration = rs.getDouble("duration_seconds");
        Double durationSeconds = rs.wasNull() ? null : duration;
        long bytes = rs.getLong("audio_bytes");
        Long audioBytes = rs.wasNull() ? null : bytes;
        return new Podcast(Sql.uuid(rs, "id"), Sql.uuid(rs, "account_id"), Sql.uuid(rs, "api_key_id"),
                PodcastStatus.fromId(rs.getString("status")), rs.getString("stage"), rs.getInt("progress"),
                rs.getString("spec"), rs.getString("title"), rs.getString("language"), rs.getString("style"),
                rs.getInt("target_minutes"), rs.getLong("credits_charged"), rs.getLong("credits_refunded"),
                rs.getString("error_code"), rs.getString("error_message"), durationSeconds,
                rs.getBoolean("sources_exhausted"), rs.getString("voices"), rs.getString("audio_key"), audioBytes,
                rs.getString("transcript_key"), rs.getString("chapters_key"), rs.getInt("attempts"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "started_at"), Sql.instant(rs, "completed_at"));
    }
}
