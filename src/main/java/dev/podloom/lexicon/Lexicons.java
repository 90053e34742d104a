package dev.podloom.lexicon;

import dev.podloom.pipeline.Pronunciation;
import dev.podloom.shared.Sql;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts' lexicons: one row per account, its entries as JSON, replaced whole with a new version on each save. */
@Singleton
public class Lexicons {

    /** An account's lexicon as stored. */
    public record Stored(List<Pronunciation> entries, int version, Instant updatedAt) {
    }

    @Serdeable
    record Entry(String term, String sayAs, String ipa) {
    }

    private final Sql sql;
    private final JsonMapper json;
    private final Clock clock;

    public Lexicons(Sql sql, JsonMapper json, Clock clock) {
        this.sql = sql;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Optional<Stored> find(UUID accountId) {
        return sql.one("SELECT entries, version, updated_at FROM account_lexicons WHERE account_id = ?",
                rs -> new Stored(read(rs.getString("entries")), rs.getInt("version"), Sql.instant(rs, "updated_at")),
                accountId);
    }

    /** The account's entries, or none. */
    public List<Pronunciation> entries(UUID accountId) {
        return find(accountId).map(Stored::entries).orElse(List.of());
    }

    /** Replaces the account's lexicon; the version goes up by one. */
    @Transactional
    public Stored save(UUID accountId, List<Pronunciation> entries) {
        String body = write(entries);
        Instant now = Instant.now(clock);
        int updated = sql.update("UPDATE account_lexicons SET entries = ?, version = version + 1, updated_at = ? "
                + "WHERE account_id = ?", body, now, accountId);
        if (updated == 0) {
            int inserted = sql.update("INSERT INTO account_lexicons (account_id, entries, version, updated_at) "
                    + "VALUES (?, ?, 1, ?) ON CONFLICT DO NOTHING", accountId, body, now);
            if (inserted == 0) {
                // A concurrent first save won the insert: this one replaces it.
                sql.update("UPDATE account_lexicons SET entries = ?, version = version + 1, updated_at = ? "
                        + "WHERE account_id = ?", body, now, accountId);
            }
        }
        return find(accountId).orElseThrow();
    }

    private String write(List<Pronunciation> entries) {
        try {
            return new String(json.writeValueAsBytes(entries.stream()
                    .map(p -> new Entry(p.term(), p.sayAs(), p.ipa())).toList()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Pronunciation> read(String body) {
        try {
            List<Entry> entries = json.readValue(body, Argument.listOf(Entry.class));
            return entries.stream().map(e -> new Pronunciation(e.term(), e.sayAs(), e.ipa())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
