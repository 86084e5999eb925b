package io.screamguard.server.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.screamguard.server.support.MutableClock;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reverse geocoding against a local fake of a Nominatim-style service. */
class HttpReverseGeocoderTest {
    HttpServer nominatim;
    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile long delayMillis;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        nominatim = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        nominatim.createContext("/reverse", ex -> {
            queries.add(ex.getRequestURI().getQuery());
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = "{\"place_id\":1,\"display_name\":\"10 Downing Street, London SW1A 2AA, United Kingdom\"}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        nominatim.start();
    }

    @AfterEach
    void stop() {
        nominatim.stop(0);
    }

    HttpReverseGeocoder geocoder(Duration timeout) {
        return new HttpReverseGeocoder("http://127.0.0.1:" + nominatim.getAddress().getPort()
                + "/reverse?format=jsonv2&lat={lat}&lon={lon}", "display_name", timeout, clock);
    }

    static Optional<String> awaitAddress(AddressLookup g, double lat, double lon) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Optional<String> found = g.addressOf(lat, lon);
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(10);
        }
        return Optional.empty();
    }

    @Test
    void a_position_is_looked_up_in_the_background_with_rounded_coordinates_then_answered_from_the_cache() throws Exception {
        HttpReverseGeocoder g = geocoder(Duration.ofSeconds(2));

        Optional<String> first = g.addressOf(51.50344123, -0.12766987);
        String found = awaitAddress(g, 51.50344123, -0.12766987).orElseThrow();
        clock.advance(Duration.ofSeconds(5));
        Optional<String> nearby = g.addressOf(51.50341, -0.12770); // within the same ~11 m cell

        assertTrue(first.isEmpty(), "the first lookup does not wait for the service");
        assertEquals("10 Downing Street, London SW1A 2AA, United Kingdom", found);
        assertEquals(Optional.of(found), nearby);
        assertEquals(List.of("format=jsonv2&lat=51.5034&lon=-0.1277"), queries, "one request, rounded to 4 decimals");
    }

    @Test
    void a_failing_or_slow_service_gives_no_address_and_is_asked_again_only_after_the_cache_expires() throws Exception {
        status = 500;
        HttpReverseGeocoder failing = geocoder(Duration.ofSeconds(2));
        failing.addressOf(48.8566, 2.3522);
        for (int i = 0; i < 300 && queries.isEmpty(); i++) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        clock.advance(Duration.ofSeconds(5));

        assertEquals(Optional.empty(), failing.addressOf(48.8566, 2.3522), "the failure is cached as unknown");
        assertEquals(1, queries.size());
        clock.advance(HttpReverseGeocoder.CACHE_TTL.plusSeconds(1));
        status = 200;
        assertEquals("10 Downing Street, London SW1A 2AA, United Kingdom", awaitAddress(failing, 48.8566, 2.3522).orElseThrow());

        // a service slower than the timeout: the caller never waits for it
        delayMillis = 1500;
        HttpReverseGeocoder slow = geocoder(Duration.ofMillis(200));
        long t0 = System.nanoTime();
        Optional<String> answer = slow.addressOf(40.0, -3.0);
        assertTrue(System.nanoTime() - t0 < 150_000_000L, "addressOf returned without waiting");
        Thread.sleep(600);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.empty(), answer);
        assertEquals(Optional.empty(), slow.addressOf(40.0, -3.0), "the timed-out lookup is cached as unknown");
    }

    @Test
    void a_url_without_both_placeholders_or_an_empty_field_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> new HttpReverseGeocoder("https://geo.example/reverse?lat={lat}", "display_name", Duration.ofSeconds(1), clock));
        assertThrows(IllegalArgumentException.class,
                () -> new HttpReverseGeocoder("ftp://geo.example/{lat}/{lon}", "display_name", Duration.ofSeconds(1), clock));
        assertThrows(IllegalArgumentException.class,
                () -> new HttpReverseGeocoder("https://geo.example/{lat}/{lon}", " ", Duration.ofSeconds(1), clock));
    }

    @Test
    void the_resolver_adds_the_address_to_a_browser_position_but_keeps_an_ip_providers_place_name() throws Exception {
        AddressLookup fixed = (lat, lon) -> Optional.of("Rue de Rivoli, Paris");
        LocationResolver resolver = new LocationResolver(ip -> Optional.of(
                new Location(48.85, 2.35, 5000.0, LocationSource.IP, "Paris")), fixed);

        Location browser = resolver.resolve(Optional.of(Location.fromBrowser(48.8606, 2.3376, 12.0)), "203.0.113.7");
        Location byIp = resolver.resolve(Optional.empty(), "203.0.113.7");

        assertEquals("Rue de Rivoli, Paris", browser.address());
        assertEquals(LocationSource.BROWSER, browser.source());
        assertEquals(12.0, browser.accuracyMeters(), 1e-9);
        assertEquals("Paris", byIp.address());
        assertEquals(Location.NONE, new LocationResolver(ip -> Optional.empty(), fixed).resolve(Optional.empty(), null));
    }
}
