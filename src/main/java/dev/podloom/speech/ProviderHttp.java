package dev.podloom.speech;

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
