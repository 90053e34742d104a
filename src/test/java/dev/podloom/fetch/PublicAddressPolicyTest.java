package dev.podloom.fetch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class PublicAddressPolicyTest {

    private final AddressPolicy policy = AddressPolicy.publicOnly();

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            "127.0.0.1, loopback",
            "127.255.255.254, loopback",
            "::1, loopback",
            "10.0.0.1, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "fc00::1, unique local",
            "fd12:3456:789a::1, unique local",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.255, carrier-grade NAT",
            "169.254.169.254, link-local",
            "169.254.0.1, link-local",
            "fe80::1, link-local",
            "0.0.0.0, unspecified",
            "0.1.2.3, unspecified",
            ":: , unspecified",
            "224.0.0.1, multicast",
            "239.255.255.250, multicast",
            "ff02::1, multicast",
            "255.255.255.255, broadcast",
            "240.0.0.1, reserved",
            "192.0.2.10, documentation",
            "2001:db8::1, documentation",
            "::ffff:127.0.0.1, loopback",
            "::ffff:7f00:1, loopback",
            "::ffff:10.1.2.3, private",
            "::ffff:169.254.169.254, link-local",
            "::127.0.0.1, IPv4-compatible",
            "::7f00:1, IPv4-compatible",
            "::ffff:0:127.0.0.1, IPv4-translated loopback",
            "64:ff9b::7f00:1, NAT64 loopback",
            "64:ff9b::a9fe:a9fe, NAT64 link-local",
            "64:ff9b:1::1, local-use NAT64",
            "2002:7f00:1::1, 6to4 loopback",
            "2002:c0a8:101::1, 6to4 private",
            "2001:0:4136:e378::1, Teredo",
    })
    void refusesAddressesThatAreNotPubliclyRoutable(String address, String reason) throws Exception {
        assertThat(policy.refusal(InetAddress.getByName(address.strip())))
                .hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.215.14", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
            "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicUnicastAddresses(String address) throws Exception {
        assertThat(policy.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "::1", "169.254.169.254"})
    void allowAllLiftsTheGuard(String address) throws Exception {
        assertThat(AddressPolicy.allowAll().refusal(InetAddress.getByName(address))).isEmpty();
    }
}
