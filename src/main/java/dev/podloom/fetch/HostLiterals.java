package dev.podloom.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads a URL host the way C's {@code inet_aton} (and browsers, and many resolvers) would, so that
 * {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.0.0.1} and {@code 127.1} are recognised as the loopback
 * address they are, instead of slipping past the guard as "host names".
 */
final class HostLiterals {

    private HostLiterals() {
    }

    /** The address a host literal denotes: IPv6 (with or without brackets) or IPv4 in any inet_aton form. */
    static Optional<InetAddress> parse(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        if (host.contains(":")) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            try {
                // A string with a colon is parsed as an IPv6 literal and never sent to a resolver.
                return Optional.of(InetAddress.ofLiteral(bare));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return parseIpv4(host);
    }

    static Optional<InetAddress> parseIpv4(String host) {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = text.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = parseNumber(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        // Every part but the last is one byte; the last fills the remaining bytes (inet_aton's a, a.b, a.b.c forms).
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address = address << 8 | values[i];
        }
        int remainingBytes = 4 - (values.length - 1);
        long last = values[values.length - 1];
        if (last >= 1L << (8 * remainingBytes)) {
            return Optional.empty();
        }
        address = address << (8 * remainingBytes) | last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always a valid IPv4 address", e);
        }
    }

    private static Long parseNumber(String part) {
        if (part.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = part;
        if (part.length() > 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.length() > 12) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        return Long.parseLong(digits, radix);
    }
}
