package dev.podloom.fetch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class HostLiteralsTest {

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "2130706433, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "0x7f.0.0.1, 127.0.0.1",
            "0X7F.0x0.0.01, 127.0.0.1",
            "127.1, 127.0.0.1",
            "127.0.1, 127.0.0.1",
            "0x7f000001, 127.0.0.1",
            "017700000001, 127.0.0.1",
            "10.1, 10.0.0.1",
            "3232235777, 192.168.1.1",
            "0xa9.0xfe.0xa9.0xfe, 169.254.169.254",
            "127.0.0.1., 127.0.0.1",
            "0, 0.0.0.0",
    })
    void readsIpv4LiteralsTheWayInetAtonDoes(String host, String expected) throws Exception {
        assertThat(HostLiterals.parse(host)).contains(InetAddress.getByName(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "1.2.3.4.5", "256.1.1.1", "08.1.1.1", "0x.1.1.1",
            "4294967296", "1..1", "abc.123", ""})
    void treatsEverythingElseAsAHostName(String host) {
        assertThat(HostLiterals.parse(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::ffff:127.0.0.1]", "::ffff:7f00:1", "[::1]"})
    void readsIpv6LiteralsWithOrWithoutBrackets(String host) {
        assertThat(HostLiterals.parse(host)).isPresent();
    }
}
