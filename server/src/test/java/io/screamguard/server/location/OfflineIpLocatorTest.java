package io.screamguard.server.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineIpLocatorTest {
    @TempDir
    Path dir;

    OfflineIpLocator table() throws Exception {
        Path csv = dir.resolve("ranges.csv");
        Files.writeString(csv, "# cidr,lat,lon,accuracy_m,address\n203.0.113.0/24,48.85,2.35,5000,Paris\n"
                + "2001:db8::/32,52.52,13.40,8000,Berlin\n");
        return OfflineIpLocator.fromCsv(csv);
    }

    @Test
    void loopback_and_private_addresses_are_never_located() throws Exception {
        OfflineIpLocator locator = table();

        for (String ip : new String[] {"127.0.0.1", "::1", "10.1.2.3", "192.168.0.7", "172.16.4.4", "169.254.1.1", "fd00::1"}) {
            assertEquals(Optional.empty(), locator.locate(ip), ip);
        }
    }

    @Test
    void a_public_address_inside_a_range_gets_its_position() throws Exception {
        Location l = table().locate("203.0.113.77").orElseThrow();

        assertEquals(LocationSource.IP, l.source());
        assertEquals(48.85, l.latitude(), 1e-9);
        assertEquals(5000.0, l.accuracyMeters(), 1e-9);
        assertEquals("Paris", l.address());
        assertEquals("Berlin", table().locate("2001:db8:1::5").orElseThrow().address());
    }

    @Test
    void a_public_address_outside_every_range_or_a_host_name_is_not_located() throws Exception {
        assertEquals(Optional.empty(), table().locate("198.51.100.1"));
        assertEquals(Optional.empty(), table().locate("example.com"));
        assertEquals(Optional.empty(), OfflineIpLocator.empty().locate("203.0.113.77"));
    }

    @Test
    void a_malformed_row_is_refused_naming_the_line() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "203.0.113.0/24,north,2.35,5000\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfflineIpLocator.fromCsv(csv));

        assertTrue(e.getMessage().contains("bad.csv:1"), e.getMessage());
    }

    @Test
    void the_resolver_prefers_the_browser_then_the_ip_then_none() throws Exception {
        LocationResolver resolver = new LocationResolver(table());
        Location browser = Location.fromBrowser(1, 2, 3.0);

        assertEquals(browser, resolver.resolve(Optional.of(browser), "203.0.113.77"));
        assertEquals(LocationSource.IP, resolver.resolve(Optional.empty(), "203.0.113.77").source());
        assertEquals(Location.NONE, resolver.resolve(Optional.empty(), "127.0.0.1"));
    }

    @Test
    void coordinates_out_of_range_are_refused_with_the_value() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Location.fromBrowser(0, 181, null));

        assertTrue(e.getMessage().contains("181"), e.getMessage());
    }
}
