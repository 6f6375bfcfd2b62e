package io.pharos.commons.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pharos.commons.net.Cidr;

class ClientAddressTest {

    private final ClientAddress addresses = new ClientAddress(List.of(Cidr.of("10.0.0.0/8"), Cidr.of("::1")));

    @Test
    void anUntrustedPeerCannotNameAnotherAddress() {
        assertThat(addresses.resolve("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
        assertThat(addresses.resolve("198.51.100.7", List.of("203.0.113.1, 10.1.1.1"))).isEqualTo("198.51.100.7");
        assertThat(addresses.resolve("127.0.0.1", List.of("203.0.113.2"))).as("loopback is not trusted unless configured").isEqualTo("127.0.0.1");
        assertThat(new ClientAddress(List.of()).resolve("10.1.1.1", List.of("203.0.113.1"))).as("no proxies by default").isEqualTo("10.1.1.1");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
        // the client wrote "1.2.3.4" itself; the proxy appended the address it really saw
        assertThat(addresses.resolve("10.0.0.2", List.of("1.2.3.4, 198.51.100.9"))).isEqualTo("198.51.100.9");
        assertThat(addresses.resolve("10.0.0.2", List.of("1.2.3.4", "198.51.100.9, 10.0.0.3"))).isEqualTo("198.51.100.9");
        assertThat(addresses.resolve("::1", List.of("garbage, 198.51.100.9"))).isEqualTo("198.51.100.9");
        assertThat(addresses.resolve("10.0.0.2", List.of("not-an-ip"))).isEqualTo("10.0.0.2");
        assertThat(addresses.resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void cidrRanges() {
        assertThat(Cidr.of("100.64.0.0/10").contains(Cidr.literal("100.127.255.1").orElseThrow())).isTrue();
        assertThat(Cidr.of("100.64.0.0/10").contains(Cidr.literal("100.128.0.1").orElseThrow())).isFalse();
        assertThat(Cidr.of("fc00::/7").contains(Cidr.literal("fd12::1").orElseThrow())).isTrue();
        assertThat(Cidr.of("127.0.0.0/8").contains(Cidr.literal("::ffff:127.0.0.1").orElseThrow())).isTrue();
        assertThat(Cidr.parse("example.com")).as("host names are never resolved here").isEmpty();
        assertThat(Cidr.literal("localhost")).isEmpty();
    }
}
