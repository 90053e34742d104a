package dev.podloom.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Refuses every address that is not publicly routable unicast, including IPv6 forms that embed an IPv4 address
 * (mapped, compatible, translated, NAT64, 6to4), because those reach the embedded IPv4 host.
 */
final class PublicAddressPolicy implements AddressPolicy {

    static final PublicAddressPolicy INSTANCE = new PublicAddressPolicy();

    private record Ipv4Range(int network, int prefix, String reason) {
        boolean contains(int address) {
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            return (address & mask) == (network & mask);
        }
    }

    // Order matters only for the reason reported: broadcast sits inside the reserved 240/4 block.
    private static final Ipv4Range[] BLOCKED_IPV4 = {
            v4(0, 0, 0, 0, 8, "unspecified"),
            v4(10, 0, 0, 0, 8, "private"),
            v4(100, 64, 0, 0, 10, "shared carrier-grade NAT"),
            v4(127, 0, 0, 0, 8, "loopback"),
            v4(169, 254, 0, 0, 16, "link-local"),
            v4(172, 16, 0, 0, 12, "private"),
            v4(192, 0, 0, 0, 24, "IETF protocol assignment"),
            v4(192, 0, 2, 0, 24, "documentation"),
            v4(192, 88, 99, 0, 24, "6to4 relay anycast"),
            v4(192, 168, 0, 0, 16, "private"),
            v4(198, 18, 0, 0, 15, "benchmarking"),
            v4(198, 51, 100, 0, 24, "documentation"),
            v4(203, 0, 113, 0, 24, "documentation"),
            v4(224, 0, 0, 0, 4, "multicast"),
            v4(255, 255, 255, 255, 32, "broadcast"),
            v4(240, 0, 0, 0, 4, "reserved"),
    };

    private PublicAddressPolicy() {
    }

    @Override
    public Optional<String> refusal(InetAddress address) {
        return switch (address) {
            case Inet4Address v4 -> ipv4Refusal(v4.getAddress());
            case Inet6Address v6 -> ipv6Refusal(v6.getAddress());
            default -> Optional.of("of an unknown address family");
        };
    }

    private static Optional<String> ipv4Refusal(byte[] bytes) {
        int address = toInt(bytes, 0);
        for (Ipv4Range range : BLOCKED_IPV4) {
            if (range.contains(address)) {
                return Optional.of(range.reason());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6Refusal(byte[] b) {
        if (isZero(b, 0, 16)) {
            return Optional.of("unspecified");
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return Optional.of("loopback");
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded("IPv4-mapped", b, 12);
        }
        if (isZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && isZero(b, 10, 12)) {
            return embedded("IPv4-translated", b, 12);
        }
        if (isZero(b, 0, 12)) {
            // IPv4-compatible addresses are deprecated (RFC 4291); nothing legitimate needs them.
            return Optional.of("IPv4-compatible");
        }
        if (prefixIs(b, 0x00, 0x64, 0xff, 0x9b) && isZero(b, 4, 12)) {
            return embedded("NAT64", b, 12);
        }
        if (prefixIs(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return Optional.of("local-use NAT64");
        }
        if (prefixIs(b, 0x20, 0x02)) {
            return embedded("6to4", b, 2);
        }
        if (prefixIs(b, 0x20, 0x01, 0x00, 0x00)) {
            return Optional.of("Teredo tunnel");
        }
        if (prefixIs(b, 0x20, 0x01, 0x0d, 0xb8)) {
            return Optional.of("documentation");
        }
        int first = b[0] & 0xff;
        if (first == 0xff) {
            return Optional.of("multicast");
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("unique local (private)");
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("link-local");
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("site-local");
        }
        if ((first & 0xe0) != 0x20) {
            return Optional.of("not global unicast");
        }
        return Optional.empty();
    }

    /** An IPv6 form carrying an IPv4 address is refused when that IPv4 address would be. */
    private static Optional<String> embedded(String form, byte[] b, int offset) {
        return ipv4Refusal(new byte[] {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]})
                .map(reason -> form + " " + reason);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefixIs(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] b, int offset) {
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16 | (b[offset + 2] & 0xff) << 8
                | (b[offset + 3] & 0xff);
    }

    private static Ipv4Range v4(int a, int b, int c, int d, int prefix, String reason) {
        return new Ipv4Range(a << 24 | b << 16 | c << 8 | d, prefix, reason);
    }
}
