package dev.podloom.podcasts;

import dev.podloom.pipeline.Authorship;
import io.micronaut.transaction.annotation.Transactional;
import dev.podloom.shared.Sql;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/** SQL for {@code podcast_writing}: how a completed podcast's script was written and what it cost in tokens. */
@Singleton
public class PodcastWritings {

    /** A podcast's writing record. */
    public record Writing(UUID podcastId, String writer, String model, String fallbackReason, long promptTokens,
                          long completionTokens, int modelCalls, String scriptKey, String transcriptJsonKey) {
    }

    /** An account's language-model spending: podcasts written with a model, their tokens and calls. */
    @io.micronaut.serde.annotation.Serdeable
    public record Totals(long podcasts, long promptTokens, long completionTokens, long modelCalls) {
    }

    private final Sql sql;

    public PodcastWritings(Sql sql) {
        this.sql = sql;
    }

    @Transactional
    public void record(UUID podcastId, Authorship authorship, String scriptKey, String transcriptJsonKey) {
        sql.update("""
                INSERT INTO podcast_writing (podcast_id, writer, model, fallback_reason, prompt_tokens,
                                             completion_tokens, model_calls, script_key, transcript_json_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", podcastId, authorship.writer(), authorship.model(),
                authorship.fallbackReason(), authorship.promptTokens(), authorship.completionTokens(),
                authorship.modelCalls(), scriptKey, transcriptJsonKey);
    }

    @Transactional
    public Optional<Writing> find(UUID podcastId) {
        return sql.one("""
                SELECT podcast_id, writer, model, fallback_reason, prompt_tokens, completion_tokens, model_calls,
                       script_key, transcript_json_key
                FROM podcast_writing WHERE podcast_id = ?""", rs -> new Writing(Sql.uuid(rs, "podcast_id"),
                rs.getString("writer"), rs.getString("model"), rs.getString("fallback_reason"),
                rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getInt("model_calls"),
                rs.getString("script_key"), rs.getString("transcript_json_key")), podcastId);
    }

    @Transactional
    public Totals totals(UUID accountId) {
        return sql.one("""
                SELECT COUNT(*) AS podcasts, COALESCE(SUM(w.prompt_tokens), 0) AS prompt_tokens,
                       COALESCE(SUM(w.completion_tokens), 0) AS completion_tokens,
                       COALESCE(SUM(w.model_calls), 0) AS model_calls
                FROM podcast_writing w JOIN podcasts p ON p.id = w.podcast_id
                WHERE p.account_id = ? AND w.model_calls > 0""",
                rs -> new Totals(rs.getLong("podcasts"), rs.getLong("prompt_tokens"),
                        rs.getLong("completion_tokens"), rs.getLong("model_calls")), accountId)
                .orElse(new Totals(0, 0, 0, 0));
    }
}
