package io.screamguard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void the_forwarded_address_is_used_only_when_the_direct_peer_is_a_trusted_proxy() {
        assertEquals("203.0.113.5", ClientAddress.of(List.of("203.0.113.5"), "10.0.0.1", PROXIES));
        assertEquals("192.0.2.7", ClientAddress.of(List.of("203.0.113.5"), "192.0.2.7", PROXIES));
        assertEquals("10.0.0.1", ClientAddress.of(List.of("203.0.113.5"), "10.0.0.1", TrustedProxies.NONE));
        assertEquals("10.0.0.1", ClientAddress.of(null, "10.0.0.1", PROXIES));
        assertEquals("10.0.0.1", ClientAddress.of(List.of(), "10.0.0.1", PROXIES));
    }

    @Test
    void the_rightmost_entry_that_is_not_a_trusted_proxy_is_the_client_across_repeated_headers() {
        // the client sent "1.2.3.4"; an outer proxy (10.0.0.9) appended the client's real address,
        // the inner proxy (10.0.0.1, the peer) appended the outer proxy's
        assertEquals("203.0.113.5", ClientAddress.of(List.of("1.2.3.4, 203.0.113.5", "10.0.0.9"), "10.0.0.1", PROXIES));
        assertEquals("203.0.113.5", ClientAddress.of(List.of("1.2.3.4,203.0.113.5, "), "10.0.0.1", PROXIES));
    }

    @Test
    void ipv6_peers_and_entries_with_brackets_and_ports_are_understood() {
        assertEquals("2001:db8::7", ClientAddress.of(List.of("[2001:db8::7]:51234"), "[fd00::1]", PROXIES));
        assertEquals("203.0.113.5", ClientAddress.of(List.of("203.0.113.5:443"), "fd12:3456::1", PROXIES));
        assertEquals("2001:db8::9", ClientAddress.of(List.of("2001:db8::9"), "fd00::2", PROXIES));
    }

    @Test
    void when_every_entry_is_a_proxy_the_leftmost_is_taken_and_garbage_stops_at_the_proxy_that_passed_it() {
        assertEquals("10.1.1.1", ClientAddress.of(List.of("10.1.1.1, 10.2.2.2"), "10.0.0.1", PROXIES));
        assertEquals("10.2.2.2", ClientAddress.of(List.of("203.0.113.5, unknown, 10.2.2.2"), "10.0.0.1", PROXIES));
        assertEquals("10.0.0.1", ClientAddress.of(List.of("evil.example"), "10.0.0.1", PROXIES));
    }

    @Test
    void forwarded_proto_is_believed_only_from_a_trusted_peer_and_its_rightmost_entry_counts() {
        assertTrue(ClientAddress.https(List.of("https"), "10.0.0.1", "http", PROXIES));
        assertFalse(ClientAddress.https(List.of("https"), "192.0.2.7", "http", PROXIES));
        assertFalse(ClientAddress.https(List.of("https", "http"), "10.0.0.1", "http", PROXIES));
        assertTrue(ClientAddress.https(List.of(), "192.0.2.7", "https", PROXIES));
        assertTrue(ClientAddress.https(null, "10.0.0.1", "https", PROXIES));
    }
}
