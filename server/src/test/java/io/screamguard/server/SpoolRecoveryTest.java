package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away mid-stream and comes back on the same H2 file: every event is written
 * exactly once (nothing lost, nothing duplicated), and the API never hangs meanwhile.
 */
class SpoolRecoveryTest {
    static final int RATE = 48000;

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    @Test
    void events_logged_while_the_database_is_down_are_written_exactly_once_when_it_returns() throws Exception {
        Path h2 = dir.resolve("db").resolve("events.mv.db");
        int port = freePort();
        EmbeddedMongo mongo = EmbeddedMongo.start(h2, port);
        List<String> ids = new ArrayList<>();
        byte[] quiet = TestAudio.wav(TestAudio.noise(16000, 1.0, 0.01, 1), 16000);
        try (AppHarness server = AppHarness.start(dir.resolve("data"), Map.of(Setting.MONGODB_URI,
                mongo.connectionString(), Setting.STREAM_QUEUE_SECONDS, "30"))) {
            // given two uploads logged normally and a live stream under way
            for (int i = 0; i < 2; i++) {
                ids.add(AppHarness.json(server.upload("before" + i + ".wav", quiet)).get("event_id").asText());
            }
            WsClient ws = server.stream("/api/stream");
            ws.text("{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1}");
            ws.binary(TestAudio.s16le(TestAudio.noise(RATE, 1.0, 0.01, 2)));
            await(() -> ws.ofType("hop").size() == 3, "the first hops");

            // when the database stops mid-stream
            mongo.close();
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = server.upload("during" + i + ".wav", quiet);
                assertEquals(200, r.statusCode(), r.body());
                ids.add(AppHarness.json(r).get("event_id").asText());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 30, "three uploads took " + seconds + " s while the database was down");
            ws.binary(TestAudio.s16le(TestAudio.concat(TestAudio.harmonicTone(RATE, 1.5, 600),
                    TestAudio.noise(RATE, 1.5, 0.01, 3))));
            await(() -> ws.incidents("ended").size() == 1, "the incident during the outage");
            ids.add(ws.incidents("ended").get(0).get("event_id").asText());
            ws.close();
            await(() -> server.app.events().spoolDepth() >= 5, "3 uploads, 1 incident and the session summary in the spool");
            assertFalse(server.app.events().databaseUp());
            HttpResponse<String> list = server.get("/api/events");
            assertEquals(503, list.statusCode(), list.body());
            assertEquals("database_unavailable", AppHarness.json(list).get("error").asText());
            JsonNode health = AppHarness.json(server.get("/health"));
            assertEquals("down", health.get("database").get("state").asText());
            assertEquals(503, server.get("/health/ready").statusCode());

            // and comes back on the same file
            mongo = EmbeddedMongo.start(h2, port);
            await(() -> server.app.events().spoolDepth() == 0 && server.app.events().databaseUp(), "the spool to drain");

            // then every event is there exactly once
            JsonNode page = AppHarness.json(server.get("/api/events?size=100"));
            assertEquals(7, page.get("total").asLong(), "5 uploads, 1 incident and 1 session summary");
            Set<String> stored = new HashSet<>();
            for (JsonNode item : page.get("items")) {
                assertTrue(stored.add(item.get("id").asText()), "duplicate " + item.get("id"));
            }
            assertTrue(stored.containsAll(ids), "stored " + stored + " should contain " + ids);
            assertEquals(1, AppHarness.json(server.get("/api/events?type=live_session")).get("total").asLong());
        } finally {
            mongo.close();
        }
    }

    @Test
    void the_server_starts_when_the_database_is_unreachable_and_sign_in_works_once_it_answers() throws Exception {
        int port = freePort();
        byte[] quiet = TestAudio.wav(TestAudio.noise(16000, 1.0, 0.01, 1), 16000);
        try (AppHarness server = AppHarness.startSignedOut(dir.resolve("data"),
                Map.of(Setting.MONGODB_URI, "mongodb://127.0.0.1:" + port))) {
            // accounts live in the database: without it nobody can sign in, and the answer says so quickly
            long t0 = System.nanoTime();
            HttpResponse<String> status = server.anonymous().get("/api/auth/status");
            assertEquals(503, status.statusCode(), status.body());
            assertEquals("database_unavailable", AppHarness.json(status).get("error").asText());
            assertTrue((System.nanoTime() - t0) / 1e9 < 10, "the 503 came quickly");
            assertEquals("down", AppHarness.json(server.anonymous().get("/health")).get("database").get("state").asText());

            try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("late").resolve("events.mv.db"), port)) {
                await(() -> server.app.events().databaseUp(), "the database to answer");
                ApiClient first = server.signUp("first@example.org");
                HttpResponse<String> r = first.upload("a.wav", quiet);
                assertEquals(200, r.statusCode(), r.body());
                String id = AppHarness.json(r).get("event_id").asText();
                assertEquals(200, first.get("/api/events/" + id).statusCode());
            }
        }
    }

    @Test
    void a_spooled_event_that_was_already_written_is_not_written_twice() throws Exception {
        Path data = dir.resolve("data");
        String existing;
        try (AppHarness server = AppHarness.start(data, Map.of())) {
            existing = AppHarness.json(server.upload("a.wav", TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000)))
                    .get("event_id").asText();
        }
        // as if the process had died after inserting a spooled event but before removing it from the spool
        String fresh = "65f000000000000000000001";
        Path spool = data.resolve("spool").resolve("events.jsonl");
        Files.createDirectories(spool.getParent());
        Files.writeString(spool, line(existing) + line(fresh), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);

        try (AppHarness server = AppHarness.start(data, Map.of())) {
            await(() -> server.app.events().spoolDepth() == 0, "the spool to drain");

            JsonNode page = AppHarness.json(server.get("/api/events?size=100"));
            assertEquals(2, page.get("total").asLong(), page.toString());
            assertEquals(200, server.get("/api/events/" + fresh).statusCode());
        }
    }

    static String line(String id) {
        return "{\"_id\": {\"$oid\": \"" + id + "\"}, \"type\": \"upload\", \"timestamp\": {\"$date\": \"2026-01-02T03:04:05Z\"},"
                + " \"is_scream\": false, \"scream_probability\": 0.1}\n";
    }
}
