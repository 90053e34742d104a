package dev.podloom.fetch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Limits for fetching sources ({@code podloom.fetch.*}).
 *
 * @param allowPrivateNetworks lifts the SSRF guard so loopback and private addresses can be fetched (local development
 *                             and tests only); env {@code PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS}
 */
@ConfigurationProperties("podloom.fetch")
public record FetchConfiguration(
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "20s") Duration readTimeout,
        @Bindable(defaultValue = "60s") Duration callTimeout,
        @Bindable(defaultValue = "5") int maxRedirects,
        @Bindable(defaultValue = "10485760") long maxBodyBytes,
        @Bindable(defaultValue = DEFAULT_USER_AGENT) String userAgent,
        @Bindable(defaultValue = "false") boolean allowPrivateNetworks) {

    public static final String DEFAULT_USER_AGENT = "Podloom/0.1 (+https://github.com/podloom)";

    /** The production defaults, for callers outside Micronaut (the command-line tool, tests). */
    public static FetchConfiguration defaults() {
        return new FetchConfiguration(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60),
                5, 10L * 1024 * 1024, DEFAULT_USER_AGENT, false);
    }

    public FetchConfiguration withAllowPrivateNetworks(boolean allow) {
        return new FetchConfiguration(connectTimeout, readTimeout, callTimeout, maxRedirects, maxBodyBytes, userAgent,
                allow);
    }

    public FetchConfiguration withTimeouts(Duration connect, Duration read, Duration call) {
        return new FetchConfiguration(connect, read, call, maxRedirects, maxBodyBytes, userAgent,
                allowPrivateNetworks);
    }

    public FetchConfiguration withMaxBodyBytes(long max) {
        return new FetchConfiguration(connectTimeout, readTimeout, callTimeout, maxRedirects, max, userAgent,
                allowPrivateNetworks);
    }
}
