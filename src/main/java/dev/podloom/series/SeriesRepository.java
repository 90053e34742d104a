package dev.podloom.series;

import dev.podloom.shared.Sql;
import dev.podloom.shared.TokenType;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for series and their episodes. Changes of state are guarded updates, so a step happens once. */
@Singleton
public class SeriesRepository {

    /** A series as stored. */
    public record Series(UUID id, UUID accountId, UUID showId, UUID apiKeyId, String prompt, String title,
                         String description, int episodeCount, int episodeMinutes, String templateSpec,
                         SeriesStatus status, String statusReason, long planCredits, long quotedCredits,
                         long episodeCredits, String model, Instant createdAt, Instant updatedAt,
                         Instant completedAt) {
    }

    /** An episode of a series, with the state of its podcast (when it has one). */
    public record EpisodeRow(int number, String title, String outline, String status, UUID podcastId,
                             UUID failedPodcastId, Instant startedAt, Instant completedAt, String podcastStatus,
                             Integer progress, long creditsCharged, long creditsRefunded, String errorCode,
                             String errorMessage) {
    }

    /** The key a series charges, as far as the runner needs it. */
    public record Key(UUID id, TokenType tokenType, String prefix, boolean active) {
    }

    /** The episode a finished podcast was, and its series. */
    public record Finished(UUID seriesId, UUID accountId, UUID showId, int number, String title, String outline) {
    }

    private static final String COLUMNS = """
            id, account_id, show_id, api_key_id, prompt, title, description, episode_count, episode_minutes,
            template_spec, status, status_reason, plan_credits, quoted_credits, episode_credits, model, created_at,
            updated_at, completed_at""";

    private final Sql sql;

    public SeriesRepository(Sql sql) {
        this.sql = sql;
    }

    /** Inserts a planned series and its pending episodes (inside the transaction that charges the plan). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void insert(Series s, List<SeriesPlanner.Planned> episodes, long promptTokens, long completionTokens) {
        sql.update("""
                INSERT INTO series (id, account_id, show_id, api_key_id, prompt, title, description, episode_count,
                                    episode_minutes, template_spec, status, plan_credits, quoted_credits,
                                    episode_credits, model, prompt_tokens, completion_tokens, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.id(), s.accountId(), s.showId(), s.apiKeyId(), s.prompt(), s.title(), s.description(),
                s.episodeCount(), s.episodeMinutes(), s.templateSpec(), s.status().id(), s.planCredits(),
                s.quotedCredits(), s.episodeCredits(), s.model(), promptTokens, completionTokens, s.createdAt(),
                s.updatedAt());
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < episodes.size(); i++) {
            rows.add(new Object[]{s.id(), i + 1, episodes.get(i).title(), episodes.get(i).outline()});
        }
        sql.batch("INSERT INTO series_episodes (series_id, number, title, outline, status) VALUES (?, ?, ?, ?, "
                + "'pending')", rows);
    }

    /** Locks the series' row for the rest of the caller's transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Series> lock(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM series WHERE id = ? FOR UPDATE", SeriesRepository::map, id);
    }

    @Transactional
    public Optional<Series> findOwned(UUID id, UUID accountId, UUID showId) {
        return sql.one("SELECT " + COLUMNS + " FROM series WHERE id = ? AND account_id = ? AND show_id = ?",
                SeriesRepository::map, id, accountId, showId);
    }

    @Transactional
    public List<Series> listForShow(UUID showId, int limit, int offset) {
        return sql.list("SELECT " + COLUMNS + " FROM series WHERE show_id = ? ORDER BY created_at DESC, id "
                + "LIMIT ? OFFSET ?", SeriesRepository::map, showId, limit, offset);
    }

    @Transactional
    public long countForShow(UUID showId) {
        return sql.count("SELECT COUNT(*) FROM series WHERE show_id = ?", showId);
    }

    @Transactional
    public List<EpisodeRow> episodes(UUID seriesId) {
        return sql.list("""
                SELECT e.number, e.title, e.outline, e.status, e.podcast_id, e.failed_podcast_id, e.started_at,
                       e.completed_at, p.status AS podcast_status, p.progress, p.credits_charged, p.credits_refunded,
                       p.error_code, p.error_message
                FROM series_episodes e LEFT JOIN podcasts p ON p.id = e.podcast_id
                WHERE e.series_id = ? ORDER BY e.number""",
                rs -> new EpisodeRow(rs.getInt("number"), rs.getString("title"), rs.getString("outline"),
                        rs.getString("status"), Sql.uuid(rs, "podcast_id"), Sql.uuid(rs, "failed_podcast_id"),
                        Sql.instant(rs, "started_at"), Sql.instant(rs, "completed_at"),
                        rs.getString("podcast_status"), (Integer) rs.getObject("progress"),
                        rs.getLong("credits_charged"), rs.getLong("credits_refunded"), rs.getString("error_code"),
                        rs.getString("error_message")),
                seriesId);
    }

    /** The key's type, prefix and whether it may still be used (not revoked, not expired). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Key> key(UUID keyId, Instant now) {
        return sql.one("SELECT id, token_type, prefix, revoked_at, expires_at FROM api_keys WHERE id = ?", rs -> {
            Instant expires = Sql.instant(rs, "expires_at");
            boolean active = Sql.instant(rs, "revoked_at") == null && (expires == null || expires.isAfter(now));
            return new Key(Sql.uuid(rs, "id"), TokenType.fromId(rs.getString("token_type")).orElseThrow(), rs.getString("prefix"),
                    active);
        }, keyId);
    }

    /**
     * Records that episode {@code number} became this podcast (inside the transaction that charges it). False when it
     * had already started: the caller must then undo the charge by throwing.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean attach(UUID seriesId, int number, UUID podcastId, Instant now) {
        return sql.update("""
                UPDATE series_episodes SET status = 'processing', podcast_id = ?, started_at = ?, completed_at = NULL
                WHERE series_id = ? AND number = ? AND status = 'pending' AND podcast_id IS NULL""",
                podcastId, now, seriesId, number) == 1;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void setStatus(UUID seriesId, SeriesStatus status, String reason, Instant now) {
        sql.update("UPDATE series SET status = ?, status_reason = ?, updated_at = ?, completed_at = ? WHERE id = ?",
                status.id(), reason, now, status == SeriesStatus.COMPLETED ? now : null, seriesId);
    }

    /** Waits for credits or limits, unless the series was meanwhile stopped, completed or its episode started. */
    @Transactional
    public boolean markWaiting(UUID seriesId, int number, SeriesStatus status, String reason, Instant now) {
        return sql.update("""
                UPDATE series SET status = ?, status_reason = ?, updated_at = ?
                WHERE id = ? AND status IN ('running', 'waiting_for_credits', 'waiting_for_limits')
                  AND EXISTS (SELECT 1 FROM series_episodes e
                              WHERE e.series_id = series.id AND e.number = ? AND e.status = 'pending')""",
                status.id(), reason, now, seriesId, number) == 1;
    }

    /** Makes this key the one the series charges from now on. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void adoptKey(UUID seriesId, UUID keyId) {
        sql.update("UPDATE series SET api_key_id = ? WHERE id = ?", keyId, seriesId);
    }

    /** A failed episode becomes pending again (its failed, refunded podcast is kept as {@code failed_podcast_id}). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void resetFailed(UUID seriesId) {
        sql.update("""
                UPDATE series_episodes SET status = 'pending', failed_podcast_id = podcast_id, podcast_id = NULL,
                                           started_at = NULL, completed_at = NULL
                WHERE series_id = ? AND status = 'failed'""", seriesId);
    }

    /**
     * Marks the episode that this podcast was as completed or failed (inside the podcast's completing transaction);
     * empty when the podcast is no series' episode, or was already recorded.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Finished> episodeFinished(UUID podcastId, boolean completed, Instant now) {
        Optional<Finished> episode = sql.one("""
                SELECT s.id, s.account_id, s.show_id, e.number, e.title, e.outline
                FROM series_episodes e JOIN series s ON s.id = e.series_id
                WHERE e.podcast_id = ? AND e.status = 'processing'""",
                rs -> new Finished(Sql.uuid(rs, "id"), Sql.uuid(rs, "account_id"), Sql.uuid(rs, "show_id"),
                        rs.getInt("number"), rs.getString("title"), rs.getString("outline")), podcastId);
        if (episode.isEmpty()) {
            return Optional.empty();
        }
        int changed = sql.update("UPDATE series_episodes SET status = ?, completed_at = ? WHERE podcast_id = ? "
                + "AND status = 'processing'", completed ? "completed" : "failed", now, podcastId);
        return changed == 1 ? episode : Optional.empty();
    }

    /** The first episode not yet completed (or one past the last): the one the next run is about. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int nextNumber(UUID seriesId) {
        return (int) sql.count("""
                SELECT COALESCE(MIN(number), (SELECT COUNT(*) + 1 FROM series_episodes WHERE series_id = ?))
                FROM series_episodes WHERE series_id = ? AND status <> 'completed'""", seriesId, seriesId);
    }

    /** An account's series that wait for credits (to wake when credits are added). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<UUID> waitingForCredits(UUID accountId) {
        return sql.list("SELECT id FROM series WHERE account_id = ? AND status = 'waiting_for_credits'",
                rs -> Sql.uuid(rs, "id"), accountId);
    }

    /**
     * Series that may have been left without a scheduled run: waiting for credits the balance now covers, waiting
     * for limits, or running with no episode being made.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<UUID> needingARun() {
        return sql.list("""
                SELECT s.id FROM series s JOIN accounts a ON a.id = s.account_id
                WHERE (s.status = 'waiting_for_credits' AND a.balance >= s.episode_credits)
                   OR s.status = 'waiting_for_limits'
                   OR (s.status = 'running' AND NOT EXISTS (SELECT 1 FROM series_episodes e
                                                            WHERE e.series_id = s.id AND e.status = 'processing'))
                ORDER BY s.updated_at LIMIT 500""", rs -> Sql.uuid(rs, "id"));
    }

    private static Series map(ResultSet rs) throws SQLException {
        return new Series(Sql.uuid(rs, "id"), Sql.uuid(rs, "account_id"), Sql.uuid(rs, "show_id"),
                Sql.uuid(rs, "api_key_id"), rs.getString("prompt"), rs.getString("title"),
                rs.getString("description"), rs.getInt("episode_count"), rs.getInt("episode_minutes"),
                rs.getString("template_spec"), SeriesStatus.fromId(rs.getString("status")),
                rs.getString("status_reason"), rs.getLong("plan_credits"), rs.getLong("quoted_credits"),
                rs.getLong("episode_credits"), rs.getString("model"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), Sql.instant(rs, "completed_at"));
    }
}
