package dev.podloom.credits;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One row of the ledger. {@code amount} is signed: grants and refunds add, charges subtract. */
@Serdeable
public record LedgerEntry(long id, String kind, long amount, long balanceAfter, String reason, String reference,
                          Instant createdAt) {
}
