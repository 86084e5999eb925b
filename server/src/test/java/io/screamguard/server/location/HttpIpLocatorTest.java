package io.screamguard.server.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP IP-geolocation provider against a local fake provider. */
class HttpIpLocatorTest {
    HttpServer provider;
    final AtomicInteger requests = new AtomicInteger();
    volatile long delayMillis;

    @BeforeEach
    void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/json/", ex -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String ip = ex.getRequestURI().getPath().substring("/json/".length());
            byte[] b = ("{\"ip\":\"" + ip + "\",\"loc\":{\"lat\":48.8566,\"lon\":2.3522},\"radius_m\":2000,\"city\":\"Paris\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    HttpIpLocator locator(Duration timeout) {
        return new HttpIpLocator("http://127.0.0.1:" + provider.getAddress().getPort() + "/json/{ip}",
                HttpIpLocator.Fields.parse("loc.lat,loc.lon,radius_m,city"), 5000, timeout, Clock.systemUTC());
    }

    static Optional<Location> awaitLocated(HttpIpLocator l, String ip) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<Location> found = l.locate(ip);
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(10);
        }
        return Optional.empty();
    }

    @Test
    void a_public_address_is_looked_up_in_the_background_then_answered_from_the_cache() throws Exception {
        HttpIpLocator l = locator(Duration.ofSeconds(2));

        Optional<Location> first = l.locate("203.0.113.7");
        Location found = awaitLocated(l, "203.0.113.7").orElseThrow();
        l.locate("203.0.113.7");

        assertTrue(first.isEmpty(), "the first lookup does not wait for the provider");
        assertEquals(48.8566, found.latitude(), 1e-9);
        assertEquals(2000.0, found.accuracyMeters(), 1e-9);
        assertEquals(LocationSource.IP, found.source());
        assertEquals("Paris", found.address());
        assertEquals(1, requests.get(), "one request, then the cache");
    }

    @Test
    void private_and_loopback_addresses_never_leave_the_server() throws Exception {
        HttpIpLocator l = locator(Duration.ofSeconds(2));

        l.locate("192.168.1.20");
        l.locate("127.0.0.1");
        l.locate("10.0.0.1");
        l.locate("::1");
        l.locate("not-an-address");
        Thread.sleep(200);

        assertEquals(0, requests.get());
    }

    @Test
    void a_slow_provider_is_cut_off_by_the_timeout_and_the_caller_never_waits() throws Exception {
        delayMillis = 1_500;
        HttpIpLocator l = locator(Duration.ofMillis(200));

        long t0 = System.nanoTime();
        Optional<Location> answer = l.locate("198.51.100.9");
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(600);

        assertTrue(answer.isEmpty());
        assertTrue(tookMillis < 150, "took " + tookMillis + " ms");
        assertTrue(l.locate("198.51.100.9").isEmpty(), "a timed-out lookup is cached as unknown");
    }

    @Test
    void a_url_without_the_ip_placeholder_or_fields_without_coordinates_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new HttpIpLocator("https://geo.example/json",
                HttpIpLocator.Fields.parse("lat,lon,,"), 5000, Duration.ofSeconds(1), Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class, () -> HttpIpLocator.Fields.parse(",lon"));
    }
}
