package dev.podloom.shows;

import dev.podloom.shared.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for shows and episodes; callers hold the transaction. */
@Singleton
class ShowRepository {

    private static final String SHOW_COLUMNS = """
            s.id, s.account_id, s.public_id, s.title, s.description, s.language, s.author, s.category, s.explicit,
            s.owner_email, s.cover_key, s.cover_content_type, s.created_at, s.updated_at, s.intro_text, s.outro_text,
            (SELECT COUNT(*) FROM episodes e WHERE e.show_id = s.id) AS episode_count""";

    private static final String EPISODE_COLUMNS = """
            e.id, e.show_id, e.podcast_id, e.episode_number, e.title, e.description, e.published_at,
            p.audio_key, p.audio_bytes, p.transcript_key, p.chapters_key, p.duration_seconds, p.grounding,
            (SELECT w.transcript_json_key FROM podcast_writing w WHERE w.podcast_id = p.id) AS transcript_json_key""";

    private final Sql sql;

    ShowRepository(Sql sql) {
        this.sql = sql;
    }

    void insert(UUID id, UUID accountId, String publicId, ShowFields f, Instant now) {
        sql.update("""
                INSERT INTO shows (id, account_id, public_id, title, description, language, author, category,
                                   explicit, owner_email, created_at, updated_at, intro_text, outro_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, accountId, publicId, f.title(), f.description(), f.language(), f.author(), f.category(),
                f.explicit(), f.ownerEmail(), now, now, f.introText(), f.outroText());
    }

    /** Writes every field of {@code f} (the caller has merged the patch into the current values). */
    void update(UUID id, ShowFields f, Instant now) {
        sql.update("""
                UPDATE shows SET title = ?, description = ?, language = ?, author = ?, category = ?, explicit = ?,
                                 owner_email = ?, updated_at = ?, intro_text = ?, outro_text = ?
                WHERE id = ?""",
                f.title(), f.description(), f.language(), f.author(), f.category(), f.explicit(), f.ownerEmail(),
                now, f.introText(), f.outroText(), id);
    }

    void setCover(UUID id, String key, String contentType, Instant now) {
        sql.update("UPDATE shows SET cover_key = ?, cover_content_type = ?, updated_at = ? WHERE id = ?",
                key, contentType, now, id);
    }

    boolean delete(UUID id) {
        sql.update("DELETE FROM episodes WHERE show_id = ?", id);
        return sql.update("DELETE FROM shows WHERE id = ?", id) == 1;
    }

    Optional<Show> findOwned(UUID id, UUID accountId) {
        return sql.one("SELECT " + SHOW_COLUMNS + " FROM shows s WHERE s.id = ? AND s.account_id = ?",
                ShowRepository::show, id, accountId);
    }

    Optional<Show> findPublic(String publicId) {
        return sql.one("SELECT " + SHOW_COLUMNS + " FROM shows s WHERE s.public_id = ?", ShowRepository::show,
                publicId);
    }

    List<Show> listOwned(UUID accountId, int limit, int offset) {
        return sql.list("SELECT " + SHOW_COLUMNS + " FROM shows s WHERE s.account_id = ? "
                + "ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?", ShowRepository::show, accountId, limit, offset);
    }

    long countOwned(UUID accountId) {
        return sql.count("SELECT COUNT(*) FROM shows WHERE account_id = ?", accountId);
    }

    /** Takes the show's next episode number; the row update also serialises concurrent additions to one show. */
    int takeEpisodeNumber(UUID showId) {
        sql.update("UPDATE shows SET next_episode_number = next_episode_number + 1 WHERE id = ?", showId);
        return sql.one("SELECT next_episode_number - 1 FROM shows WHERE id = ?", rs -> rs.getInt(1), showId)
                .orElseThrow();
    }

    boolean containsPodcast(UUID showId, UUID podcastId) {
        return sql.count("SELECT COUNT(*) FROM episodes WHERE show_id = ? AND podcast_id = ?", showId, podcastId) > 0;
    }

    void insertEpisode(UUID id, UUID showId, UUID podcastId, int number, String title, String description,
                       Instant publishedAt) {
        sql.update("""
                INSERT INTO episodes (id, show_id, podcast_id, episode_number, title, description, published_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", id, showId, podcastId, number, title, description, publishedAt);
    }

    boolean deleteEpisode(UUID showId, UUID episodeId) {
        return sql.update("DELETE FROM episodes WHERE id = ? AND show_id = ?", episodeId, showId) == 1;
    }

    /** Newest first, as feeds list them. */
    List<Episode> episodes(UUID showId) {
        return sql.list("SELECT " + EPISODE_COLUMNS + " FROM episodes e JOIN podcasts p ON p.id = e.podcast_id "
                + "WHERE e.show_id = ? ORDER BY e.episode_number DESC", ShowRepository::episode, showId);
    }

    Optional<Episode> episode(UUID showId, UUID episodeId) {
        return sql.one("SELECT " + EPISODE_COLUMNS + " FROM episodes e JOIN podcasts p ON p.id = e.podcast_id "
                + "WHERE e.show_id = ? AND e.id = ?", ShowRepository::episode, showId, episodeId);
    }

    /**
     * For each episode of the show: the published episodes (of any show) of the podcast it translates, and of the
     * podcasts that translate it.
     */
    List<TranslationLink> translationLinks(UUID showId) {
        return sql.list("""
                SELECT e.id AS episode_id, 'original' AS relation, op.language, oe.title, os.public_id,
                       oe.id AS other_episode_id, oe.published_at
                FROM episodes e
                JOIN podcasts p ON p.id = e.podcast_id
                JOIN podcasts op ON op.id = p.translation_of
                JOIN episodes oe ON oe.podcast_id = op.id
                JOIN shows os ON os.id = oe.show_id
                WHERE e.show_id = ?
                UNION ALL
                SELECT e.id AS episode_id, 'translation' AS relation, tp.language, te.title, ts.public_id,
                       te.id AS other_episode_id, te.published_at
                FROM episodes e
                JOIN podcasts tp ON tp.translation_of = e.podcast_id
                JOIN episodes te ON te.podcast_id = tp.id
                JOIN shows ts ON ts.id = te.show_id
                WHERE e.show_id = ?
                ORDER BY episode_id, relation, language, other_episode_id""",
                rs -> new TranslationLink(Sql.uuid(rs, "episode_id"), rs.getString("relation"),
                        rs.getString("language"), rs.getString("title"), rs.getString("public_id"),
                        Sql.uuid(rs, "other_episode_id"), Sql.instant(rs, "published_at")), showId, showId);
    }

    private static Show show(ResultSet rs) throws SQLException {
        return new Show(Sql.uuid(rs, "id"), Sql.uuid(rs, "account_id"), rs.getString("public_id"),
                rs.getString("title"), rs.getString("description"), rs.getString("language"), rs.getString("author"),
                rs.getString("category"), rs.getBoolean("explicit"), rs.getString("owner_email"),
                rs.getString("cover_key"), rs.getString("cover_content_type"), rs.getInt("episode_count"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), rs.getString("intro_text"),
                rs.getString("outro_text"));
    }

    private static Episode episode(ResultSet rs) throws SQLException {
        return new Episode(Sql.uuid(rs, "id"), Sql.uuid(rs, "show_id"), Sql.uuid(rs, "podcast_id"),
                rs.getInt("episode_number"), rs.getString("title"), rs.getString("description"),
                Sql.instant(rs, "published_at"), rs.getString("audio_key"), rs.getLong("audio_bytes"),
                rs.getString("transcript_key"), rs.getString("chapters_key"), rs.getDouble("duration_seconds"),
                rs.getString("transcript_json_key"), rs.getString("grounding"));
    }
}
