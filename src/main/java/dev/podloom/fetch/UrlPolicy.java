package dev.podloom.fetch;

import okhttp3.HttpUrl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for URLs a client gives us to call: source pages ({@code urls}) and webhook receivers
 * ({@code callback_url}) alike. Absolute {@code http} or {@code https} with a host, at most 2048 characters, and no
 * credentials ({@code user:password@host}): a secret in a URL ends up in logs, in delivery records and in the
 * podcast's own metadata. Addresses are checked later, when the host is resolved, by {@link GuardedClients}.
 */
public final class UrlPolicy {

    public static final int MAX_LENGTH = 2048;

    private UrlPolicy() {
    }

    /** Why {@code url} may not be called, phrased to follow the field name ("urls[0] must …"), or empty when it may. */
    public static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String authority = uri.getRawAuthority();
            if (!scheme.equals("http") && !scheme.equals("https") || authority == null || authority.isEmpty()) {
                return Optional.of("must be an absolute http or https URL");
            }
            if (authority.contains("@")) {
                return Optional.of("must not contain credentials (user:password@)");
            }
            // The host as the HTTP client reads it: java.net.URI refuses legal hosts such as 127.1 or 0x7f.0.0.1.
            HttpUrl parsed = HttpUrl.parse(url);
            if (parsed == null || parsed.host().isEmpty()) {
                return Optional.of("must be an absolute http or https URL");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
    }
}
