/**
 * Who is calling: API keys ({@code phk_test_…}, {@code phk_prod_…}) stored only as SHA-256 hashes,
 * and the filter that turns an {@code X-Api-Key} header into a {@link dev.podloom.auth.Caller}.
 */
package dev.podloom.auth;
