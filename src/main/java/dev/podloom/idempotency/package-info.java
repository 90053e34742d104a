/**
 * {@code Idempotency-Key} support: a retried POST with the same key and body replays the first
 * answer instead of charging again. Records are scoped per account and kept at least 24 hours.
 */
package dev.podloom.idempotency;
