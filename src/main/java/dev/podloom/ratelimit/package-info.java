/**
 * Request budgets per caller: {@link dev.podloom.ratelimit.RateLimiter} consumes from Bucket4j buckets,
 * held in memory on a single node or in PostgreSQL so that every node shares one budget, and
 * {@link dev.podloom.ratelimit.RateLimitHeaders} renders the outcome as IETF {@code RateLimit} headers.
 */
package dev.podloom.ratelimit;
