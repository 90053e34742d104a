package dev.podloom.shows;

import dev.podloom.shared.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** SQL for a show's intro, outro and bed ({@code show_audio}); callers hold the transaction. */
@Singleton
class ShowAudioRepository {

    private final Sql sql;

    ShowAudioRepository(Sql sql) {
        this.sql = sql;
    }

    /** Sets (or replaces) one kind of the show's audio. */
    void put(UUID showId, ShowAudioKind kind, String key, double seconds, String format, long bytes, Instant now) {
        sql.update("DELETE FROM show_audio WHERE show_id = ? AND kind = ?", showId, kind.id());
        sql.update("""
                INSERT INTO show_audio (show_id, kind, object_key, duration_seconds, uploaded_format, uploaded_bytes,
                                        uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", showId, kind.id(), key, seconds, format, bytes, now);
    }

    boolean delete(UUID showId, ShowAudioKind kind) {
        return sql.update("DELETE FROM show_audio WHERE show_id = ? AND kind = ?", showId, kind.id()) == 1;
    }

    List<ShowAudioFile> list(UUID showId) {
        return sql.list("""
                SELECT kind, object_key, duration_seconds, uploaded_format, uploaded_bytes, uploaded_at
                FROM show_audio WHERE show_id = ? ORDER BY kind""", ShowAudioRepository::file, showId);
    }

    private static ShowAudioFile file(ResultSet rs) throws SQLException {
        return new ShowAudioFile(ShowAudioKind.of(rs.getString("kind")).orElseThrow(), rs.getString("object_key"),
                rs.getDouble("duration_seconds"), rs.getString("uploaded_format"), rs.getLong("uploaded_bytes"),
                Sql.instant(rs, "uploaded_at"));
    }
}
