package dev.podloom.speech;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import dev.podloom.pipeline.Voice;

/** What the HTTP speech engines share: their client, and a voice list fetched once on first use. */
final class ProviderHttp {

    private ProviderHttp() {
    }

    /**
     * A plain client for an operator-configured provider URL (often localhost, so no SSRF guard). OkHttp's own
     * retries are off: {@link ProviderGate} decides what is retried, and when.
     */
    static OkHttpClient client(Duration timeout) {
        return new OkHttpClient.Builder()
                .callTimeout(timeout)
                .readTimeout(timeout)
                .connectTimeout(Duration.ofSeconds(10))
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * The provider's base URL with a trailing slash, so paths resolve beneath it: {@code configured}, or
     * {@code fallback} when it is blank (null: no default). A value that is not an http(s) URL stops startup with
     * the variable named.
     */
    static HttpUrl baseUrl(String configured, String fallback, String variable) {
        String root = configured == null || configured.isBlank() ? fallback : configured;
        HttpUrl url = root == null ? null : HttpUrl.parse(root.endsWith("/") ? root : root + "/");
        if (url == null) {
            throw new IllegalStateException(variable + " is not an http(s) URL: " + configured);
        }
        return url;
    }

    /** A provider's voice list, loaded on first use (not at startup) and then kept. */
    static final class LazyVoices {

        private final Supplier<List<Voice>> loader;
        private volatile List<Voice> voices;

        LazyVoices(Supplier<List<Voice>> loader) {
            this.loader = loader;
        }

        List<Voice> get() {
            List<Voice> current = voices;
            if (current == null) {
                synchronized (this) {
                    if (voices == null) {
                        voices = loader.get();
                    }
                    current = voices;
                }
            }
            return current;
        }
    }
}
