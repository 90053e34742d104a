/**
 * Credits: an append-only ledger of grants, charges and refunds. An account's balance changes
 * only here, in the same transaction as the ledger entry that explains it.
 */
package dev.podloom.credits;
