package io.screamguard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
    @Test
    void the_forwarded_address_is_used_only_when_the_proxy_is_trusted() {
        assertEquals("203.0.113.5", ClientAddress.of("203.0.113.5", "10.0.0.1", true));
        assertEquals("10.0.0.1", ClientAddress.of("203.0.113.5", "10.0.0.1", false));
        assertEquals("10.0.0.1", ClientAddress.of(null, "10.0.0.1", true));
    }

    @Test
    void the_rightmost_forwarded_entry_is_used_because_the_client_controls_the_ones_before_it() {
        // the client sent "X-Forwarded-For: 1.2.3.4"; the trusted proxy appended the address it saw
        assertEquals("203.0.113.5", ClientAddress.of("1.2.3.4, 203.0.113.5", "10.0.0.1", true));
        assertEquals("203.0.113.5", ClientAddress.of("1.2.3.4,203.0.113.5, ", "10.0.0.1", true));
    }
}
