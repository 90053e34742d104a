package dev.podloom.fetch;

import java.net.UnknownHostException;

/**
 * The guard refused an address. It extends {@link UnknownHostException} because OkHttp's {@code Dns} may only throw
 * that type; the fetcher tells it apart from a real DNS failure and reports {@code BLOCKED_ADDRESS}.
 */
final class BlockedAddressException extends UnknownHostException {

    BlockedAddressException(String host, String address, String reason) {
        super(host + " resolves to " + address + ", a " + reason + " address");
    }
}
