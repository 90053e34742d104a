package dev.podloom.fetch;

import okhttp3.Dns;
import okhttp3.OkHttpClient;

import java.net.Proxy;
import java.util.Optional;

/**
 * Puts the SSRF guard on every OkHttp client that calls user-supplied URLs (the source fetcher and webhook
 * deliveries), so they all vet addresses through one code path.
 */
public final class GuardedClients {

    private GuardedClients() {
    }

    /** The policy {@code podloom.fetch.allow-private-networks} selects. */
    public static AddressPolicy policy(FetchConfiguration config) {
        return config.allowPrivateNetworks() ? AddressPolicy.allowAll() : AddressPolicy.publicOnly();
    }

    /**
     * Vets IP-literal hosts as {@code inet_aton} reads them, resolves names through the guard, checks every socket's
     * address, and never goes through a proxy. The source fetcher and the webhook client are both built here, so
     * they read and refuse addresses the same way.
     */
    public static OkHttpClient.Builder guard(OkHttpClient.Builder builder, AddressPolicy policy) {
        return builder
                // A system-wide proxy would connect on our behalf and bypass the address checks.
                .proxy(Proxy.NO_PROXY)
                .addInterceptor(new GuardedHosts(policy))
                .dns(new GuardedDns(policy, Dns.SYSTEM))
                .socketFactory(new GuardedSocketFactory(policy));
    }

    /** Why the guard refused a connection, when that is what {@code failure} (or one of its causes) is. */
    public static Optional<String> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BlockedAddressException blocked) {
                return Optional.of(blocked.getMessage());
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                Optional<String> found = refusal(suppressed);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
