package dev.podloom.fetch;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedConnectionTest {

    @Test
    void dnsKeepsOnlyTheAllowedAddressesOfAMixedAnswer() throws Exception {
        InetAddress internal = InetAddress.getByName("10.0.0.7");
        InetAddress external = InetAddress.getByName("93.184.215.14");
        GuardedDns dns = new GuardedDns(AddressPolicy.publicOnly(), host -> List.of(internal, external));

        assertThat(dns.lookup("rebinding.example")).containsExactly(external);
    }

    @Test
    void dnsRefusesAHostWhoseEveryAddressIsBlocked() {
        GuardedDns dns = new GuardedDns(AddressPolicy.publicOnly(),
                host -> List.of(InetAddress.getByName("169.254.169.254")));

        assertThatThrownBy(() -> dns.lookup("metadata.example"))
                .isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("169.254.169.254").hasMessageContaining("link-local");
    }

    @Test
    void dnsReadsNumericHostsItselfInsteadOfAskingTheResolver() {
        GuardedDns dns = new GuardedDns(AddressPolicy.publicOnly(), host -> {
            throw new AssertionError("resolver must not be asked about " + host);
        });

        assertThatThrownBy(() -> dns.lookup("0x7f.1")).isInstanceOf(BlockedAddressException.class);
    }

    @Test
    void socketsRefuseToConnectToABlockedAddress() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            GuardedSocketFactory factory = new GuardedSocketFactory(AddressPolicy.publicOnly());

            try (Socket socket = factory.createSocket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 1000))
                        .isInstanceOf(BlockedAddressException.class).hasMessageContaining("loopback");
            }
        }
    }

    @Test
    void socketsConnectWhenThePolicyAllows() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            GuardedSocketFactory factory = new GuardedSocketFactory(AddressPolicy.allowAll());

            try (Socket socket = factory.createSocket(InetAddress.getLoopbackAddress(), server.getPort())) {
                assertThat(socket.isConnected()).isTrue();
            }
        }
    }
}
