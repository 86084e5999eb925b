package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.HopScore;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeScoring;
import io.screamguard.server.support.GatedScoring;
import io.screamguard.server.support.OnePiece;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast replay is exact on a server that keeps up: a stream sent back to back gives the hops and
 * incidents of the same audio scored at its own pace (issue 11, item 6).
 */
class StreamReplayTest {
    static final String HELLO = "{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}";

    @TempDir
    Path dataDir;

    /** 3 s quiet-ish noise, 2 s loud tone (an incident), 7 s noise: 12 s at 16 kHz. */
    static byte[] twelveSeconds() {
        return TestAudio.s16le(TestAudio.concat(TestAudio.noise(16000, 3.0, 0.02, 5),
                TestAudio.harmonicTone(16000, 2.0, 650), TestAudio.noise(16000, 7.0, 0.02, 6)));
    }

    @Test
    void twelve_seconds_sent_back_to_back_in_640_byte_messages_while_the_worker_is_held_gives_every_hop() throws Exception {
        // the worker is held on the first hop while the client sends far more than the 10 s queue:
        // the server must slow the client (not read), not drop its audio
        GatedScoring scoring = new GatedScoring();
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.STREAM_QUEUE_SECONDS, "10",
                Setting.STREAM_WORKERS, "1"), scoring, OfflineIpLocator.empty())) {
            WsClient ws = server.stream("/api/stream");
            ws.text(HELLO);
            byte[] pcm = twelveSeconds();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> sendInPieces(ws, pcm, 640));
            StreamApiTest.await(() -> scoring.entered() == 1, "the worker to take the first hop");
            io.micrometer.core.instrument.DistributionSummary queued =
                    server.app.registry().get("screamguard_stream_queue_seconds").summary();
            // full: within one 640-byte message (0.02 s) of the 10 s bound, and the socket is no longer read
            StreamApiTest.await(() -> queued.max() > 10.0 - 0.02 - 1e-9, "the client to fill the 10 s queue");

            scoring.openGate();
            sender.get(60, java.util.concurrent.TimeUnit.SECONDS);

            StreamApiTest.await(() -> ws.ofType("hop").size() >= 47, "the 47 hops of 12 s");
            assertHopsAreExactly(expected(pcm), ws);
            assertEquals(1, ws.incidents("started").size(), "the tone is one incident");
            ws.close();
            assertEquals(0.0, metric(server, "screamguard_dropped_windows_total"), 1e-9);
        }
    }

    @Test
    void three_seconds_in_640_byte_messages_on_an_idle_server_give_the_hops_of_real_time() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            WsClient ws = server.stream("/api/stream");
            ws.text(HELLO);
            byte[] pcm = Arrays.copyOf(twelveSeconds(), 3 * 32000);

            sendInPieces(ws, pcm, 640);

            StreamApiTest.await(() -> ws.ofType("hop").size() >= 11, "the 11 hops of 3 s");
            assertHopsAreExactly(expected(pcm), ws);
            ws.close();
        }
    }

    @Test
    void messages_of_2_and_of_7_bytes_assemble_into_the_same_hops() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            byte[] pcm = Arrays.copyOf(twelveSeconds(), 32000); // 1 s: 3 hops
            for (int size : new int[] {2, 7}) {
                WsClient ws = server.stream("/api/stream");
                ws.text(HELLO);

                sendInPieces(ws, pcm, size);

                StreamApiTest.await(() -> ws.ofType("hop").size() >= 3, "the 3 hops of 1 s in " + size + "-byte messages");
                assertHopsAreExactly(expected(pcm), ws);
                ws.close();
            }
        }
    }

    static void sendInPieces(WsClient ws, byte[] pcm, int size) {
        try {
            for (int at = 0; at < pcm.length; at += size) {
                ws.binary(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + size)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending failed", e);
        }
    }

    /** The hops of the audio scored in one piece by the same fake scorer: what real-time pacing gives. */
    static List<HopScore> expected(byte[] pcm) {
        return OnePiece.hops(new FakeScoring(600), pcm);
    }

    static void assertHopsAreExactly(List<HopScore> expected, WsClient ws) throws InterruptedException {
        Thread.sleep(200); // a surplus hop would arrive right after the last expected one
        List<JsonNode> hops = ws.ofType("hop");
        assertEquals(expected.size(), hops.size(), "hop count");
        for (int i = 0; i < expected.size(); i++) {
            JsonNode h = hops.get(i);
            assertEquals(expected.get(i).endSeconds(), h.get("t").asDouble(), 1e-9, "t of hop " + i);
            assertEquals(expected.get(i).probability(), h.get("probability").asDouble(), 1e-9, "probability of hop " + i);
            assertEquals(0, h.get("dropped_windows").asLong(), "dropped windows at hop " + i);
        }
    }

    static double metric(AppHarness server, String name) throws Exception {
        return StreamOverloadTest.metricValue(server.get("/metrics").body(), name);
    }
}
