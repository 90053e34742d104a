package dev.podloom.accounts;

import dev.podloom.credits.CreditLedger;
import dev.podloom.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class Accounts implements dev.podloom.pricing.Tiers {

    private final Sql sql;
    private final CreditLedger ledger;
    private final Clock clock;

    public Accounts(Sql sql, CreditLedger ledger, Clock clock) {
        this.sql = sql;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Creates an account; opening credits enter through the ledger like any other grant. */
    @Transactional
    public Account create(String name, String tier, long openingCredits) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now(clock);
        sql.update("INSERT INTO accounts (id, name, tier, balance, created_at) VALUES (?, ?, ?, 0, ?)",
                id, name, tier, now);
        if (openingCredits > 0) {
            ledger.grant(id, openingCredits, "opening credits", "account:" + id);
        }
        return find(id).orElseThrow();
    }

    @Override
    @Transactional
    public String tierOf(UUID accountId) {
        return find(accountId).orElseThrow(() -> new IllegalArgumentException("no account " + accountId)).tier();
    }

    @Transactional
    public Optional<Account> find(UUID id) {
        return sql.one("SELECT id, name, tier, balance, created_at FROM accounts WHERE id = ?",
                rs -> new Account(Sql.uuid(rs, "id"), rs.getString("name"), rs.getString("tier"),
                        rs.getLong("balance"), Sql.instant(rs, "created_at")), id);
    }
}
