package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeScoring;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /api/stream WebSocket on the whole app (fake scorer, embedded store). */
class StreamApiTest {
    static final int RATE = 48000;
    static final String HELLO = "{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1}";

    @TempDir
    static Path dataDir;
    static AppHarness server;

    /** The clips are replayed as fast as the socket allows: a queue that holds a whole clip drops nothing. */
    @BeforeAll
    static void start() {
        server = AppHarness.start(dataDir, Map.of(Setting.STREAM_QUEUE_SECONDS, "30"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** 1 s of quiet, 2 s of a loud tone, 1.5 s of quiet: 17 windows of 0.5 s every 0.25 s, one incident. */
    static byte[] screamWav48k() {
        return TestAudio.wav(TestAudio.concat(TestAudio.noise(RATE, 1.0, 0.01, 11), TestAudio.harmonicTone(RATE, 2.0, 650),
                TestAudio.noise(RATE, 1.5, 0.01, 12)), RATE);
    }

    static void sendInRandomChunks(WsClient ws, byte[] pcm, long seed) throws Exception {
        Random r = new Random(seed);
        for (int at = 0; at < pcm.length; ) {
            int n = Math.min(pcm.length - at, 1 + r.nextInt(9000));
            ws.binary(Arrays.copyOfRange(pcm, at, at + n));
            at += n;
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void a_48k_s16le_stream_in_random_chunks_gets_every_hop_and_the_incident() throws Exception {
        WsClient ws = server.stream("/api/stream");
        ws.text(HELLO);
        sendInRandomChunks(ws, TestAudio.wavPayload(screamWav48k()), 42);

        try {
            await(() -> ws.ofType("hop").size() == 17, "17 hop messages");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + ws.messages + " closed=" + ws.closed.isDone() + " " + ws.closeReason, e);
        }
        ws.close();

        JsonNode ready = ws.ofType("ready").get(0);
        assertEquals(FakeScoring.MODEL.version(), ready.get("model_version").asText());
        List<JsonNode> hops = ws.ofType("hop");
        for (int i = 0; i < hops.size(); i++) {
            JsonNode hop = hops.get(i);
            assertEquals(0.5 + 0.25 * i, hop.get("t").asDouble(), 1e-9);
            assertTrue(hop.has("probability") && hop.has("rms") && hop.has("state"), hop.toString());
            assertEquals(0, hop.get("dropped_windows").asLong());
        }
        await(() -> ws.incidents("ended").size() == 1, "the incident message");
        assertEquals(1, ws.incidents("started").size(), "the incident was announced when confirmed");
        assertTrue(ws.incidents("started").get(0).get("detected_at_s").asDouble() <= 2.0, ws.messages.toString());
        JsonNode incident = ws.incidents("ended").get(0);
        assertTrue(incident.get("start_s").asDouble() >= 0.5 && incident.get("start_s").asDouble() <= 1.0, incident.toString());
        assertTrue(incident.get("end_s").asDouble() >= 3.0 && incident.get("end_s").asDouble() <= 3.5, incident.toString());
        String eventId = incident.get("event_id").asText();
        await(() -> status("/api/events/" + eventId) == 200, "the incident event in the database");
        JsonNode event = AppHarness.json(server.get("/api/events/" + eventId));
        assertEquals("live_incident", event.get("type").asText());
        assertEquals(ready.get("session_id").asText(), event.get("source").get("session_id").asText());
    }

    @Test
    void a_faster_than_real_time_replay_yields_the_same_incidents_as_the_upload() throws Exception {
        byte[] wav = screamWav48k();
        JsonNode upload = AppHarness.json(server.upload("replay.wav", wav));

        WsClient ws = server.stream("/api/stream");
        ws.text(HELLO);
        sendInRandomChunks(ws, TestAudio.wavPayload(wav), 7);
        await(() -> ws.ofType("hop").size() == upload.get("timeline").size(), "every hop of the replay");
        ws.close();
        await(() -> ws.incidents("ended").size() == upload.get("incidents").size(), "the replayed incidents");

        for (int i = 0; i < upload.get("incidents").size(); i++) {
            JsonNode clip = upload.get("incidents").get(i);
            JsonNode live = ws.incidents("ended").get(i);
            assertEquals(clip.get("start_s").asDouble(), live.get("start_s").asDouble(), 1e-9);
            assertEquals(clip.get("end_s").asDouble(), live.get("end_s").asDouble(), 1e-9);
            assertEquals(clip.get("peak").asDouble(), live.get("peak").asDouble(), 1e-9);
        }
    }

    @Test
    void a_session_summary_with_the_browser_location_and_the_signed_in_account_is_logged_when_the_stream_ends() throws Exception {
        WsClient ws = server.stream("/api/stream?user_id=bob", "X-User-Id", "bob");
        ws.text(HELLO);
        ws.text("{\"type\":\"location\",\"latitude\":51.5,\"longitude\":-0.12,\"accuracy\":30}");
        ws.binary(TestAudio.s16le(TestAudio.noise(RATE, 1.0, 0.01, 5)));
        await(() -> ws.ofType("hop").size() == 3, "3 hops");
        String sessionId = ws.ofType("ready").get(0).get("session_id").asText();
        ws.close();

        await(() -> sessionSummary(sessionId) != null, "the session summary");
        JsonNode summary = sessionSummary(sessionId);
        assertEquals("browser", summary.get("location").get("source").asText());
        assertEquals(51.5, summary.get("location").get("latitude").asDouble(), 1e-9);
        assertEquals(server.owner.accountId, summary.get("user_id").asText(), "the signed-in account, not the client's user_id");
        assertEquals(3, summary.get("timeline").get("windows").asLong());
        assertEquals(false, summary.get("is_scream").asBoolean());
    }

    static JsonNode sessionSummary(String sessionId) {
        try {
            JsonNode page = AppHarness.json(server.get("/api/events?type=live_session&size=100"));
            for (JsonNode item : page.get("items")) {
                if (sessionId.equals(item.get("source").get("session_id").asText())) {
                    return item;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Status of a GET on the server of whichever test class runs (set by {@link #statusOn}). */
    static int status(String path) {
        return statusOn(server, path);
    }

    static int statusOn(AppHarness on, String path) {
        try {
            return on.get(path).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_hello_that_is_not_json_closes_with_1008() throws Exception {
        assertClosedWith(1008, "JSON", ws -> ws.text("sampleRate=48000"));
    }

    @Test
    void an_unknown_encoding_closes_with_1008() throws Exception {
        assertClosedWith(1008, "encoding", ws -> ws.text("{\"sampleRate\":48000,\"encoding\":\"mp3\",\"channels\":1}"));
    }

    @Test
    void a_sample_rate_outside_8000_to_96000_closes_with_1008() throws Exception {
        assertClosedWith(1008, "4000", ws -> ws.text("{\"sampleRate\":4000,\"encoding\":\"s16le\",\"channels\":1}"));
    }

    @Test
    void binary_before_the_hello_closes_with_1008() throws Exception {
        assertClosedWith(1008, "hello", ws -> ws.binary(new byte[100]));
    }

    @Test
    void an_unknown_message_type_after_the_hello_closes_with_1008() throws Exception {
        assertClosedWith(1008, "unknown message type", ws -> {
            ws.text(HELLO);
            ws.text("{\"type\":\"dance\"}");
        });
    }

    @Test
    void an_f32_frame_with_a_partial_sample_closes_with_1003() throws Exception {
        assertClosedWith(1003, "4-byte", ws -> {
            ws.text("{\"sampleRate\":16000,\"encoding\":\"f32le\",\"channels\":1}");
            ws.binary(new byte[4 * 100 + 3]);
        });
    }

    @Test
    void a_nan_f32_sample_closes_with_1003() throws Exception {
        assertClosedWith(1003, "invalid audio", ws -> {
            ws.text("{\"sampleRate\":16000,\"encoding\":\"f32le\",\"channels\":1}");
            ws.binary(TestAudio.f32le(new float[] {0.1f, Float.NaN, 0.2f}));
        });
    }

    @Test
    void a_bad_stream_does_not_disturb_another_stream() throws Exception {
        WsClient good = server.stream("/api/stream");
        good.text(HELLO);
        good.binary(TestAudio.s16le(TestAudio.noise(RATE, 0.5, 0.01, 8)));

        WsClient bad = server.stream("/api/stream");
        bad.binary(new byte[10]);
        assertEquals(1008, bad.awaitCloseCode(10));

        good.binary(TestAudio.s16le(TestAudio.noise(RATE, 0.5, 0.01, 9)));
        await(() -> good.ofType("hop").size() == 3, "the good stream's hops");
        assertTrue(!good.closed.isDone(), "the good stream is still open");
        good.close();
    }

    interface WsAction {
        void run(WsClient ws) throws Exception;
    }

    static void assertClosedWith(int code, String reasonMentions, WsAction action) throws Exception {
        WsClient ws = server.stream("/api/stream");
        action.run(ws);
        assertEquals(code, ws.awaitCloseCode(10), "close reason: " + ws.closeReason);
        assertTrue(ws.closeReason.contains(reasonMentions), "reason should mention '" + reasonMentions + "': " + ws.closeReason);
        assertEquals(200, status("/health"), "the server keeps serving");
    }
}
