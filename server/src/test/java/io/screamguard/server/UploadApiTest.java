package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.AppHarness.Part;
import io.screamguard.server.support.FakeScoring;
import io.screamguard.server.support.GatedScoring;
import io.screamguard.server.support.TestAudio;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/analyze on the whole app (fake scorer, embedded store): verdicts and every bad input. */
class UploadApiTest {
    static final int MAX_BYTES = 200_000;
    static final int RATE = 16000;

    @TempDir
    static Path dataDir;
    static AppHarness server;

    @BeforeAll
    static void start() {
        server = AppHarness.start(dataDir, Map.of(Setting.MAX_UPLOAD_BYTES, Integer.toString(MAX_BYTES),
                Setting.MAX_UPLOAD_SECONDS, "5"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] screamWav() {
        return TestAudio.wav(TestAudio.concat(TestAudio.noise(RATE, 0.5, 0.01, 1),
                TestAudio.harmonicTone(RATE, 1.5, 700), TestAudio.noise(RATE, 1.0, 0.01, 2)), RATE);
    }

    static byte[] quietWav() {
        return TestAudio.wav(TestAudio.noise(RATE, 3.0, 0.02, 3), RATE);
    }

    @Test
    void a_loud_harmonic_tone_is_a_scream_with_an_incident_and_a_logged_event() throws Exception {
        HttpResponse<String> r = server.upload("tone.wav", screamWav());

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = AppHarness.json(r);
        assertEquals("scream", body.get("verdict").asText());
        assertTrue(body.get("is_scream").asBoolean());
        assertTrue(body.get("peak_probability").asDouble() > 0.9, r.body());
        assertEquals(FakeScoring.THRESHOLD, body.get("threshold").asDouble());
        assertEquals(FakeScoring.MODEL.version(), body.get("model_version").asText());
        assertEquals(1, body.get("incidents").size(), r.body());
        JsonNode incident = body.get("incidents").get(0);
        assertTrue(incident.get("start_s").asDouble() >= 0.0 && incident.get("start_s").asDouble() < 1.0, r.body());
        assertTrue(body.get("timeline").size() >= 10, "a window every 0.25 s over 3 s");
        assertEquals("none", body.get("location").get("source").asText());

        HttpResponse<String> stored = server.get("/api/events/" + body.get("event_id").asText());
        assertEquals(200, stored.statusCode(), stored.body());
        JsonNode event = AppHarness.json(stored);
        assertEquals("upload", event.get("type").asText());
        assertEquals("tone.wav", event.get("source").get("name").asText());
        assertEquals("wav", event.get("source").get("format").asText());
        assertTrue(event.get("is_scream").asBoolean());
        assertEquals(List.of("rms", "probability"), listOf(event.get("features").get("names")));
        assertEquals("none", event.get("alert").get("status").asText(), "no alert was asked for");
        assertTrue(event.get("device_info").get("user_agent").asText().contains("Java"), stored.body());
    }

    @Test
    void quiet_noise_is_not_a_scream() throws Exception {
        HttpResponse<String> r = server.upload("room.wav", quietWav());

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = AppHarness.json(r);
        assertEquals("no_scream", body.get("verdict").asText());
        assertFalse(body.get("is_scream").asBoolean());
        assertTrue(body.get("peak_probability").asDouble() < 0.2, r.body());
        assertEquals(0, body.get("incidents").size());
    }

    @Test
    void browser_coordinates_and_the_signed_in_account_are_stored_with_the_event_whatever_user_id_the_client_sends()
            throws Exception {
        AppHarness.Multipart form = AppHarness.Multipart.of(List.of(Part.file("file", "a.wav", quietWav()),
                Part.field("latitude", "48.8566"), Part.field("longitude", "2.3522"), Part.field("accuracy", "25"),
                Part.field("user_id", "alice")));
        HttpResponse<String> r = server.owner.send(server.request("/api/analyze").header("X-User-Id", "mallory")
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build());

        assertEquals(200, r.statusCode(), r.body());
        JsonNode event = AppHarness.json(server.get("/api/events/" + AppHarness.json(r).get("event_id").asText()));
        JsonNode location = event.get("location");
        assertEquals("browser", location.get("source").asText());
        assertEquals(48.8566, location.get("latitude").asDouble(), 1e-9);
        assertEquals(2.3522, location.get("longitude").asDouble(), 1e-9);
        assertEquals(25.0, location.get("accuracy_m").asDouble(), 1e-9);
        assertEquals(server.owner.accountId, event.get("user_id").asText());
    }

    @Test
    void a_missing_file_part_is_400() throws Exception {
        assertError(server.postForm("/api/analyze", List.of(Part.field("latitude", "1"))), 400, "bad_request", "'file'");
    }

    @Test
    void a_request_that_is_not_multipart_is_400() throws Exception {
        assertError(server.post("/api/analyze", "application/json", "{}".getBytes()), 400, "bad_request", "multipart");
    }

    @Test
    void a_latitude_without_longitude_is_400() throws Exception {
        assertError(server.postForm("/api/analyze", List.of(Part.file("file", "a.wav", quietWav()),
                Part.field("latitude", "10"))), 400, "bad_request", "longitude");
    }

    @Test
    void a_latitude_out_of_range_is_400() throws Exception {
        assertError(server.postForm("/api/analyze", List.of(Part.file("file", "a.wav", quietWav()),
                Part.field("latitude", "91"), Part.field("longitude", "0"))), 400, "bad_request", "91");
    }

    @Test
    void an_unknown_format_is_415() throws Exception {
        assertError(server.upload("notes.txt", "just some text, not audio".getBytes()), 415, "unsupported_media_type",
                "format");
    }

    @Test
    void a_truncated_wav_is_422() throws Exception {
        byte[] wav = screamWav();
        assertError(server.upload("cut.wav", Arrays.copyOf(wav, wav.length / 2)), 422, "unprocessable_audio", "bytes");
    }

    @Test
    void an_empty_file_is_422() throws Exception {
        assertError(server.upload("empty.wav", new byte[0]), 422, "unprocessable_audio", "empty");
    }

    @Test
    void a_recording_longer_than_the_duration_limit_is_413_naming_the_limit() throws Exception {
        byte[] sixSeconds = TestAudio.wav(TestAudio.noise(8000, 6.0, 0.01, 4), 8000);
        assertError(server.upload("long.wav", sixSeconds), 413, "payload_too_large", "MAX_UPLOAD_SECONDS");
    }

    @Test
    void a_file_one_byte_over_the_size_limit_is_413_naming_the_limit() throws Exception {
        assertError(server.upload("big.wav", new byte[MAX_BYTES + 1]), 413, "payload_too_large", "MAX_UPLOAD_BYTES");
    }

    @Test
    void a_file_exactly_at_the_size_limit_is_not_refused_for_its_size() throws Exception {
        byte[] exact = Arrays.copyOf(TestAudio.wav(TestAudio.noise(RATE, 1, 0.01, 9), RATE), MAX_BYTES);
        HttpResponse<String> r = server.upload("exact.wav", exact);
        assertTrue(r.statusCode() != 413, r.body());
    }

    @Test
    void a_body_far_over_the_limit_is_413_before_it_is_read() throws Exception {
        assertError(server.upload("huge.wav", new byte[MAX_BYTES * 3]), 413, "payload_too_large", "MAX_UPLOAD_BYTES");
    }

    @Test
    void a_chunked_upload_without_content_length_over_the_limit_is_413() throws Exception {
        AppHarness.Multipart m = AppHarness.Multipart.of(List.of(Part.file("file", "big.wav", new byte[MAX_BYTES + 5000])));
        HttpRequest request = server.request("/api/analyze").timeout(Duration.ofSeconds(30))
                .header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(m.body()))).build();

        HttpResponse<String> r = server.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertError(r, 413, "payload_too_large", "MAX_UPLOAD_BYTES");
    }

    @Test
    void the_server_keeps_serving_after_every_bad_input() throws Exception {
        server.upload("notes.txt", "text".getBytes());
        server.upload("big.wav", new byte[MAX_BYTES + 1]);
        server.post("/api/analyze", "application/json", "{".getBytes());

        assertEquals(200, server.get("/health").statusCode());
        assertEquals(200, server.upload("ok.wav", quietWav()).statusCode());
    }

    @Test
    void a_plain_get_on_the_stream_route_is_426_upgrade_required() throws Exception {
        HttpResponse<String> r = server.get("/api/stream");

        assertError(r, 426, "upgrade_required", "WebSocket");
    }

    @Test
    void a_wrong_method_is_a_json_405() throws Exception {
        HttpResponse<String> r = server.post("/api/events", "application/json", "{}".getBytes());

        assertError(r, 405, "method_not_allowed", "POST");
    }

    @Test
    void an_unknown_route_is_a_json_404() throws Exception {
        assertError(server.get("/api/nothing-here"), 404, "not_found", "/api/nothing-here");
    }

    static void assertError(HttpResponse<String> r, int status, String code, String detailMentions) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = AppHarness.json(r);
        assertEquals(code, body.get("error").asText(), r.body());
        assertTrue(body.get("detail").asText().contains(detailMentions), "detail should mention '" + detailMentions
                + "': " + r.body());
    }

    static List<String> listOf(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void an_upload_beyond_max_concurrent_uploads_gets_503_busy_with_retry_after_and_is_counted(@TempDir Path dir)
            throws Exception {
        GatedScoring scoring = new GatedScoring().gatingUploads();
        try (AppHarness busy = AppHarness.start(dir, Map.of(Setting.MAX_CONCURRENT_UPLOADS, "1"), scoring,
                io.screamguard.server.location.OfflineIpLocator.empty())) {
            // given one upload being analysed (held at the scorer's gate)
            java.util.concurrent.CompletableFuture<HttpResponse<String>> first = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return busy.upload("first.wav", quietWav());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            StreamApiTest.await(() -> scoring.clipsEntered() == 1, "the first upload to reach the scorer");

            // when a second arrives
            HttpResponse<String> second = busy.upload("second.wav", quietWav());

            // then it is refused as busy, and the first completes once the scorer is free
            assertEquals(503, second.statusCode(), second.body());
            assertEquals("busy", AppHarness.json(second).get("error").asText());
            assertTrue(AppHarness.json(second).get("detail").asText().contains("MAX_CONCURRENT_UPLOADS"), second.body());
            assertTrue(second.headers().firstValue("Retry-After").isPresent(), second.headers().toString());
            scoring.openGate();
            assertEquals(200, first.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode());
            assertEquals(200, busy.upload("third.wav", quietWav()).statusCode());
            String metrics = busy.get("/metrics").body();
            assertTrue(metrics.contains("screamguard_uploads_total{outcome=\"busy\"} 1.0"), metrics);
        }
    }

    @Test
    void running_out_of_memory_during_an_analysis_is_503_insufficient_memory_not_the_files_fault(@TempDir Path dir)
            throws Exception {
        // given a scorer that runs out of heap (as four long uploads in a small heap did)
        io.screamguard.server.support.FakeScoring fake = new io.screamguard.server.support.FakeScoring(600);
        io.screamguard.server.scoring.Scoring starved = (io.screamguard.server.scoring.Scoring) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {io.screamguard.server.scoring.Scoring.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("scoreClip")) {
                                throw new OutOfMemoryError("Java heap space");
                            }
                            try {
                                return method.invoke(fake, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        try (AppHarness app = AppHarness.start(dir, Map.of(), starved, io.screamguard.server.location.OfflineIpLocator.empty())) {
            // when a valid recording is uploaded
            HttpResponse<String> r = app.upload("valid.wav", quietWav());

            // then the answer is a 503 that blames the server, with a body and Retry-After, and the server carries on
            assertError(r, 503, "insufficient_memory", "not at fault");
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), r.headers().toString());
            assertEquals(200, app.get("/health").statusCode());
        }
    }

    @Test
    void requests_jetty_refuses_before_the_api_get_a_json_error_and_connection_close() throws Exception {
        HttpResponse<String> nul = server.get("/api/i/%00/clip");
        HttpResponse<String> longUri = server.get("/api/i/" + "x".repeat(20_000));

        assertError(nul, 400, "bad_request", "refused before it reached the API");
        assertEquals("close", nul.headers().firstValue("Connection").orElse(""), nul.headers().toString());
        assertError(longUri, 414, "uri_too_long", "URI Too Long");
    }
}
