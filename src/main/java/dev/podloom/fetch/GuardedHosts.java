package dev.podloom.fetch;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Vets IP-literal hosts before any connection is attempted, reading them the way {@code inet_aton} and browsers do
 * ({@link HostLiterals}: {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 2130706433} are all loopback). OkHttp itself
 * would hand such hosts to {@code InetAddress}, which reads {@code 0177.0.0.1} as the public {@code 177.0.0.1}; so
 * an allowed literal is rewritten to its dotted-quad form, and the connection goes to the address that was vetted.
 * Each call passes through it, so every redirect hop the fetcher follows is vetted too.
 */
final class GuardedHosts implements Interceptor {

    private final AddressPolicy policy;

    GuardedHosts(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        Optional<InetAddress> literal = HostLiterals.parse(url.host());
        if (literal.isEmpty()) {
            return chain.proceed(request);
        }
        InetAddress address = literal.get();
        Optional<String> refusal = policy.refusal(address);
        if (refusal.isPresent()) {
            throw new BlockedAddressException(url.host(), address.getHostAddress(), refusal.get());
        }
        if (address instanceof Inet4Address && !address.getHostAddress().equals(url.host())) {
            request = request.newBuilder().url(url.newBuilder().host(address.getHostAddress()).build()).build();
        }
        return chain.proceed(request);
    }
}
