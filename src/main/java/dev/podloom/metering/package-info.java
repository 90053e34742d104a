/**
 * The money path, top to bottom: {@link dev.podloom.metering.Admission} decides (a pure function of the requests,
 * the running generations and the balance), {@link dev.podloom.metering.Metering} takes the locks and writes the
 * charge, the thing charged for, its concurrency slot and the {@code Idempotency-Key} answer in one transaction, and
 * settles generations when they complete or fail (slot back, refund once).
 */
package dev.podloom.metering;
