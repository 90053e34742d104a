package dev.podloom.credits;

import dev.podloom.shared.Sql;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The only code that changes a balance. Each change is a guarded single-row UPDATE (so concurrent
 * charges serialize on the account row and can never overdraw it) followed by the ledger entry,
 * in one transaction: the balance always equals the sum of the account's entries.
 */
@Singleton
public class CreditLedger {

    public enum Kind { GRANT, CHARGE, REFUND }

    private final Sql sql;
    private final Clock clock;
    private final ApplicationEventPublisher<CreditsAdded> events;

    public CreditLedger(Sql sql, Clock clock, ApplicationEventPublisher<CreditsAdded> events) {
        this.sql = sql;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Adds credits (operator top-up, initial credits) and publishes {@link CreditsAdded} in the same transaction.
     * Returns the new balance.
     */
    @Transactional
    public long grant(UUID accountId, long amount, String reason, String reference) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a grant must be positive");
        }
        long balance = apply(accountId, Kind.GRANT, amount, reason, reference, null);
        events.publishEvent(new CreditsAdded(accountId, amount, balance));
        return balance;
    }

    /**
     * Takes {@code amount} credits or throws {@link InsufficientCreditsException}. Must run inside the
     * caller's transaction so the charge commits or rolls back with what it pays for.
     *
     * @param onceKey a key that makes a second charge for the same thing fail, or null
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public long charge(UUID accountId, long amount, String reason, String reference, String onceKey) {
        int changed = sql.update("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?",
                amount, accountId, amount);
        if (changed == 0) {
            throw new InsufficientCreditsException(amount, balance(accountId));
        }
        return record(accountId, Kind.CHARGE, -amount, reason, reference, onceKey);
    }

    /** One charge of a batch: what it costs and what it pays for. */
    public record Charge(long amount, String reason, String reference, String onceKey) {
    }

    /** Locks the account's row for the rest of the caller's transaction and returns its balance. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public long lockBalance(UUID accountId) {
        return sql.one("SELECT balance FROM accounts WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    }

    /**
     * Writes charges already decided against a locked balance ({@link #lockBalance}): one balance update and one
     * batch of entries, however many charges. The caller guarantees they fit the balance (the CHECK on the balance
     * would refuse an overdraft anyway).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void takeCharges(UUID accountId, long balanceBefore, List<Charge> charges) {
        if (charges.isEmpty()) {
            return;
        }
        long balance = balanceBefore;
        List<Object[]> entries = new java.util.ArrayList<>();
        Instant now = Instant.now(clock);
        for (Charge c : charges) {
            balance -= c.amount();
            if (balance < 0) {
                throw new IllegalStateException("charges exceed the balance of " + accountId);
            }
            entries.add(new Object[]{accountId, "charge", -c.amount(), balance, c.reason(), c.reference(),
                    c.onceKey(), now});
        }
        sql.update("UPDATE accounts SET balance = ? WHERE id = ?", balance, accountId);
        sql.batch("""
                INSERT INTO ledger_entries (account_id, kind, amount, balance_after, reason, reference, once_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", entries);
    }

    /**
     * Gives back a charge, at most once per {@code onceKey}. Returns the new balance, or empty when this
     * refund was already made.
     */
    @Transactional
    public Optional<Long> refundOnce(UUID accountId, long amount, String reason, String reference, String onceKey) {
        if (sql.count("SELECT COUNT(*) FROM ledger_entries WHERE once_key = ?", onceKey) > 0) {
            return Optional.empty();
        }
        return Optional.of(apply(accountId, Kind.REFUND, amount, reason, reference, onceKey));
    }

    @Transactional
    public long balance(UUID accountId) {
        return sql.one("SELECT balance FROM accounts WHERE id = ?", rs -> rs.getLong(1), accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    }

    /** The balance as the ledger tells it; equal to {@link #balance} by construction. */
    @Transactional
    public long ledgerSum(UUID accountId) {
        return sql.count("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account_id = ?", accountId);
    }

    @Transactional
    public List<LedgerEntry> recentEntries(UUID accountId, int limit) {
        return sql.list("""
                SELECT id, kind, amount, balance_after, reason, reference, created_at
                FROM ledger_entries WHERE account_id = ? ORDER BY id DESC LIMIT ?""",
                rs -> new LedgerEntry(rs.getLong("id"), rs.getString("kind"), rs.getLong("amount"),
                        rs.getLong("balance_after"), rs.getString("reason"), rs.getString("reference"),
                        Sql.instant(rs, "created_at")),
                accountId, limit);
    }

    private long apply(UUID accountId, Kind kind, long amount, String reason, String reference, String onceKey) {
        int changed = sql.update("UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, accountId);
        if (changed == 0) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        return record(accountId, kind, amount, reason, reference, onceKey);
    }

    private long record(UUID accountId, Kind kind, long signedAmount, String reason, String reference,
                        String onceKey) {
        long balanceAfter = balance(accountId);
        sql.update("""
                INSERT INTO ledger_entries (account_id, kind, amount, balance_after, reason, reference, once_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                accountId, kind.name().toLowerCase(java.util.Locale.ROOT), signedAmount, balanceAfter, reason,
                reference, onceKey, Instant.now(clock));
        return balanceAfter;
    }
}
