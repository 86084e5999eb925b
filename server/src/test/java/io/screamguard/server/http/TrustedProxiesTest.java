package io.screamguard.server.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    @Test
    void ipv4_ranges_contain_exactly_the_addresses_under_their_prefix() {
        TrustedProxies p = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.4.0/22", "203.0.113.7"));
        assertTrue(p.contains("10.255.1.2"));
        assertFalse(p.contains("11.0.0.1"));
        assertTrue(p.contains("192.168.7.255"));
        assertFalse(p.contains("192.168.8.0"));
        assertTrue(p.contains("203.0.113.7"));
        assertFalse(p.contains("203.0.113.8"));
    }

    @Test
    void ipv6_ranges_work_and_an_ipv4_mapped_address_counts_as_its_ipv4_address() {
        TrustedProxies p = TrustedProxies.parse(List.of("fd00::/8", "::1", "127.0.0.0/8"));
        assertTrue(p.contains("fd12:3456::1"));
        assertTrue(p.contains("[::1]"));
        assertTrue(p.contains("0:0:0:0:0:0:0:1"));
        assertFalse(p.contains("fe80::1"));
        assertTrue(p.contains("::ffff:127.0.0.1"));
        assertFalse(p.contains("2001:db8::1"));
    }

    @Test
    void host_names_and_garbage_are_never_contained_and_never_resolved() {
        TrustedProxies p = TrustedProxies.parse(List.of("0.0.0.0/0", "::/0"));
        assertTrue(p.contains("198.51.100.1"));
        assertTrue(p.contains("2001:db8::1"));
        assertFalse(p.contains("localhost"));
        assertFalse(p.contains("unknown"));
        assertFalse(p.contains("999.1.1.1"));
        assertFalse(p.contains(null));
        assertTrue(TrustedProxies.NONE.isEmpty());
        assertFalse(TrustedProxies.NONE.contains("127.0.0.1"));
    }

    @Test
    void bad_entries_are_refused_naming_the_entry() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse(List.of("10.0.0.0/8", "proxy.internal")));
        assertTrue(name.getMessage().contains("'proxy.internal'"), name.getMessage());
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse(List.of("10.0.0.0/33")));
        assertTrue(prefix.getMessage().contains("0-32"), prefix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("fd00::/129")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/x")));
    }
}
