package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.AppHarness.Part;
import io.screamguard.server.support.TestAudio;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/events, /api/events/{id}, /api/stats, /health and /metrics after a known set of uploads. */
class EventsApiTest {
    static final int RATE = 16000;

    @TempDir
    static Path dataDir;
    static AppHarness server;
    static String firstId;
    static String bobsId;
    static String lastId;
    static ApiClient alice;
    static ApiClient bob;

    /** Given 3 screams (2 by alice) and 2 non-screams, uploaded in this order; the last by the admin. */
    @BeforeAll
    static void start() throws Exception {
        server = AppHarness.start(dataDir, Map.of());
        alice = server.createPerson("alice@example.org");
        bob = server.createPerson("bob@example.org");
        byte[] scream = TestAudio.wav(TestAudio.harmonicTone(RATE, 1.5, 800), RATE);
        byte[] quiet = TestAudio.wav(TestAudio.noise(RATE, 1.5, 0.01, 1), RATE);
        firstId = upload(scream, alice);
        upload(quiet, alice);
        upload(scream, alice);
        bobsId = upload(quiet, bob);
        lastId = upload(scream, server.owner);
    }

    static String upload(byte[] wav, ApiClient who) throws Exception {
        HttpResponse<String> r = who.postForm("/api/analyze", List.of(Part.file("file", "x.wav", wav)));
        assertEquals(200, r.statusCode(), r.body());
        Thread.sleep(5);
        return AppHarness.json(r).get("event_id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void events_are_listed_newest_first_in_pages() throws Exception {
        JsonNode first = AppHarness.json(server.get("/api/events?size=2"));
        JsonNode third = AppHarness.json(server.get("/api/events?size=2&page=2"));

        assertEquals(5, first.get("total").asLong());
        assertEquals(2, first.get("items").size());
        assertEquals(lastId, first.get("items").get(0).get("id").asText());
        assertEquals(1, third.get("items").size());
        assertEquals(firstId, third.get("items").get(0).get("id").asText());
    }

    @Test
    void an_admin_filters_everyones_events_by_verdict_and_user() throws Exception {
        assertEquals(3, AppHarness.json(server.get("/api/events?verdict=scream")).get("total").asLong());
        assertEquals(2, AppHarness.json(server.get("/api/events?verdict=no_scream")).get("total").asLong());
        assertEquals(2, AppHarness.json(server.get("/api/events?verdict=scream&user=" + alice.accountId)).get("total").asLong());
        assertEquals(1, AppHarness.json(server.get("/api/events?user=" + bob.accountId)).get("total").asLong());
    }

    @Test
    void a_person_lists_and_counts_only_their_own_events() throws Exception {
        JsonNode page = AppHarness.json(alice.get("/api/events?size=100"));
        JsonNode stats = AppHarness.json(alice.get("/api/stats"));

        assertEquals(3, page.get("total").asLong());
        for (JsonNode item : page.get("items")) {
            assertEquals(alice.accountId, item.get("user_id").asText());
        }
        assertEquals(3, stats.get("total").asLong());
        assertEquals(2, stats.get("screams").asLong());
    }

    @Test
    void a_person_cannot_read_or_filter_for_another_persons_events() throws Exception {
        UploadApiTest.assertError(alice.get("/api/events/" + bobsId), 404, "not_found", bobsId);
        UploadApiTest.assertError(alice.get("/api/events?user=" + bob.accountId), 403, "forbidden", "admins");
        assertEquals(200, bob.get("/api/events/" + bobsId).statusCode());
    }

    @Test
    void bad_list_parameters_are_400() throws Exception {
        UploadApiTest.assertError(server.get("/api/events?verdict=maybe"), 400, "bad_request", "maybe");
        UploadApiTest.assertError(server.get("/api/events?size=1000"), 400, "bad_request", "1000");
        UploadApiTest.assertError(server.get("/api/events?page=x"), 400, "bad_request", "'x'");
        UploadApiTest.assertError(server.get("/api/events?type=dance"), 400, "bad_request", "dance");
    }

    @Test
    void an_absent_event_is_a_json_404() throws Exception {
        UploadApiTest.assertError(server.get("/api/events/65f0000000000000000000ff"), 404, "not_found",
                "65f0000000000000000000ff");
    }

    @Test
    void a_malformed_event_id_is_400() throws Exception {
        UploadApiTest.assertError(server.get("/api/events/not-an-id"), 400, "bad_request", "24 hexadecimal");
    }

    @Test
    void stats_count_events_by_day_and_verdict() throws Exception {
        JsonNode stats = AppHarness.json(server.get("/api/stats"));

        assertEquals(5, stats.get("total").asLong());
        assertEquals(3, stats.get("screams").asLong());
        assertEquals(2, stats.get("no_scream").asLong());
        JsonNode today = stats.get("days").get(stats.get("days").size() - 1);
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), today.get("day").asText());
        assertEquals(3, today.get("screams").asLong());
        assertEquals(5, today.get("total").asLong());
        assertEquals(0, AppHarness.json(server.get("/api/stats?type=live_session")).get("total").asLong());
    }

    @Test
    void health_reports_the_embedded_database_up_and_an_empty_spool() throws Exception {
        HttpResponse<String> r = server.get("/health");

        assertEquals(200, r.statusCode());
        JsonNode health = AppHarness.json(r);
        assertEquals("UP", health.get("status").asText());
        assertEquals("up", health.get("database").get("state").asText());
        assertTrue(health.get("database").get("store").asText().startsWith("embedded"), r.body());
        assertEquals(0, health.get("database").get("spool_depth").asInt());
        assertEquals(200, server.get("/health/ready").statusCode());
    }

    @Test
    void metrics_are_prometheus_text_with_the_operational_meters() throws Exception {
        HttpResponse<String> r = server.get("/metrics");

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = r.body();
        for (String name : List.of("screamguard_windows_scored_total", "screamguard_scoring_latency_seconds_bucket",
                "screamguard_active_streams", "screamguard_incidents_total", "screamguard_spool_depth",
                "screamguard_uploads_total{outcome=\"scream\"} 3.0", "screamguard_uploads_total{outcome=\"no_scream\"} 2.0",
                "screamguard_dropped_windows_total", "screamguard_http_requests_seconds_count",
                "screamguard_decision_latency_seconds_bucket", "screamguard_upload_analysis_seconds_bucket")) {
            assertTrue(text.contains(name), "/metrics should contain " + name);
        }
    }

    @Test
    void the_monitor_page_is_served_at_the_root_and_the_upload_page_posts_to_analyze() throws Exception {
        HttpResponse<String> root = server.get("/");
        HttpResponse<String> page = server.get("/upload.html");
        HttpResponse<String> script = server.get("/js/upload.js");

        assertEquals(200, root.statusCode());
        assertTrue(root.body().contains("src=\"/js/monitor.js\""), "the home page is the monitor (script from a file: CSP)");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("src=\"/js/upload.js\""), "the upload page loads its script from a file (CSP)");
        assertTrue(script.body().contains("/api/analyze"), "the page posts to /api/analyze");
    }
}
