/**
 * Source fetching: downloads a URL behind an SSRF guard (every redirect hop and every connected address is vetted)
 * and extracts readable text from HTML, PDF, plain text and Markdown into {@link dev.podloom.pipeline.SourceDocument}s.
 */
package dev.podloom.fetch;
