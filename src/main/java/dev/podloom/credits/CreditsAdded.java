package dev.podloom.credits;

import java.util.UUID;

/**
 * Published when credits were granted to an account, synchronously and inside the granting transaction: what a
 * listener writes (e.g. a job that resumes work waiting for credits) commits with the grant or not at all.
 */
public record CreditsAdded(UUID accountId, long amount, long balance) {
}
