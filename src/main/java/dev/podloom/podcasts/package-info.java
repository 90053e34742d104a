/**
 * Podcasts: the Podhoc workflow. A request is validated and priced, charged in the same
 * transaction that records it and enqueues its render job; the job runs the pipeline on any node,
 * stores the episode, and on any failure refunds exactly what was charged, once. A revision of a completed podcast
 * ({@link dev.podloom.podcasts.PodcastRevisions}) is a new podcast made the same way from its edited script.
 */
package dev.podloom.podcasts;
