package dev.podloom.fetch;

import okhttp3.Dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a host and keeps only the addresses the policy allows, so the connection can only ever go to an address
 * that was vetted in the same lookup (no DNS-rebinding window between check and connect).
 */
final class GuardedDns implements Dns {

    private final AddressPolicy policy;
    private final Dns resolver;

    GuardedDns(AddressPolicy policy, Dns resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        Optional<InetAddress> literal = HostLiterals.parse(hostname);
        List<InetAddress> candidates = literal.isPresent() ? List.of(literal.get()) : resolver.lookup(hostname);
        List<InetAddress> allowed = candidates.stream().filter(a -> policy.refusal(a).isEmpty()).toList();
        if (allowed.isEmpty() && !candidates.isEmpty()) {
            InetAddress first = candidates.getFirst();
            throw new BlockedAddressException(hostname, first.getHostAddress(), policy.refusal(first).orElseThrow());
        }
        return allowed;
    }
}
