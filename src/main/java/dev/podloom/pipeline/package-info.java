/**
 * The content pipeline's contracts: sources in, script, speech, mastered MP3 out.
 * Implementations live in {@code fetch}, {@code script}, {@code speech} and {@code audio};
 * callers (podcast jobs, the {@code render} command) depend only on these types.
 */
package dev.podloom.pipeline;
