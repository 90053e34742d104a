package dev.podloom.fetch;

import java.net.InetAddress;
import java.util.Optional;

/** Decides which IP addresses the fetcher may connect to: the heart of the SSRF guard. */
@FunctionalInterface
public interface AddressPolicy {

    /** Why the address must not be connected to, or empty when it may be. */
    Optional<String> refusal(InetAddress address);

    /** Only publicly routable unicast addresses: the production policy. */
    static AddressPolicy publicOnly() {
        return PublicAddressPolicy.INSTANCE;
    }

    /** No restriction, for local development against services on private networks. */
    static AddressPolicy allowAll() {
        return address -> Optional.empty();
    }
}
