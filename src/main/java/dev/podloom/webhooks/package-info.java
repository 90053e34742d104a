/**
 * Completion webhooks in the Standard Webhooks format: per-account signing secrets, deliveries stored with
 * their exact body and retried with backoff from the job queue, every connection behind the SSRF guard.
 */
package dev.podloom.webhooks;
