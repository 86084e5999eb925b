package io.screamguard.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/events?from=&to=: the History view's date filter (from inclusive, to exclusive). */
class EventDateFilterTest {
    @TempDir
    Path dataDir;

    private static int total(ApiClient who, String query) throws Exception {
        HttpResponse<String> r = who.get("/api/events?" + query);
        assertEquals(200, r.statusCode(), r.body());
        return AppHarness.json(r).get("total").asInt();
    }

    @Test
    void keeps_the_events_inside_the_range_and_refuses_a_bad_or_empty_range_naming_it() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of())) {
            ApiClient ana = harness.createPerson("ana@example.org");
            ana.upload("a.wav", TestAudio.wav(TestAudio.harmonicTone(16000, 2, 650), 16000));
            harness.app.events().awaitWrites(Duration.ofSeconds(10));
            Instant hourAgo = Instant.now().minusSeconds(3600);
            Instant inAnHour = Instant.now().plusSeconds(3600);

            assertEquals(1, total(ana, "from=" + hourAgo + "&to=" + inAnHour));
            assertEquals(1, total(ana, "from=" + hourAgo + "&verdict=scream"));
            assertEquals(0, total(ana, "to=" + hourAgo), "before the range");
            assertEquals(0, total(ana, "from=" + inAnHour), "after the range");
            assertEquals(0, total(ana, "to=2000-01-01"), "a date means its UTC midnight");
            assertEquals(1, total(ana, "from=2000-01-01"));

            HttpResponse<String> bad = ana.get("/api/events?from=yesterday");
            HttpResponse<String> empty = ana.get("/api/events?from=" + inAnHour + "&to=" + hourAgo);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("from must be a date") && bad.body().contains("yesterday"), bad.body());
            assertEquals(400, empty.statusCode());
            assertTrue(empty.body().contains("from must be before to"), empty.body());
        }
    }
}
