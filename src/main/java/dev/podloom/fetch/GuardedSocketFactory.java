package dev.podloom.fetch;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * Defence in depth behind {@link GuardedDns}: checks the address every socket actually connects to, which also covers
 * IP-literal hosts that OkHttp never sends through {@code Dns}.
 */
final class GuardedSocketFactory extends SocketFactory {

    private final AddressPolicy policy;

    GuardedSocketFactory(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress target) throws IOException {
        Socket socket = new GuardedSocket();
        socket.connect(target);
        return socket;
    }

    private final class GuardedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (endpoint instanceof InetSocketAddress inet && inet.getAddress() != null) {
                InetAddress address = inet.getAddress();
                var refusal = policy.refusal(address);
                if (refusal.isPresent()) {
                    close();
                    throw new BlockedAddressException(inet.getHostString(), address.getHostAddress(), refusal.get());
                }
            }
            super.connect(endpoint, timeout);
        }
    }
}
