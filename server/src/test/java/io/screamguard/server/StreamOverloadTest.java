package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.GatedScoring;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that sends faster than the server scores: frames are dropped and counted, memory stays bounded. */
class StreamOverloadTest {
    @TempDir
    Path dataDir;

    @Test
    void frames_beyond_the_queue_bound_are_dropped_and_counted_in_messages_and_metrics() throws Exception {
        // the scorer holds its first frame until the test opens the gate: the server is "slow" by
        // construction, not by a race between a client pace and a sleeping scorer
        GatedScoring scoring = new GatedScoring();
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.STREAM_QUEUE_SECONDS, "1.0"),
                scoring, OfflineIpLocator.empty())) {
            WsClient ws = server.stream("/api/stream");
            ws.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
            byte[] pcm = TestAudio.s16le(TestAudio.noise(16000, 12.0, 0.05, 1));
            // 12 s of audio in 0.1 s frames (odd byte counts) while the scorer is stuck on the first
            ws.binary(java.util.Arrays.copyOfRange(pcm, 0, 3201));
            StreamApiTest.await(() -> scoring.entered() == 1, "the worker to take the first frame");
            for (int at = 3201; at < pcm.length; at += 3201) {
                ws.binary(java.util.Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3201)));
            }
            // accepted frames are counted on arrival; with the gate closed the count stops growing
            // only once the bound is reached and the stream sheds (the frame that overflowed is dropped)
            io.micrometer.core.instrument.DistributionSummary queued =
                    server.app.registry().get("screamguard_stream_queue_seconds").summary();
            long seen = -1;
            while (queued.count() != seen) {
                seen = queued.count();
                Thread.sleep(300);
            }
            assertTrue(seen < 119, "the stream shed some of the 120 frames, accepted " + seen);
            scoring.openGate();
            // fresh audio after the backlog is scored is accepted, and its hops report the drop
            byte[] more = TestAudio.s16le(TestAudio.noise(16000, 0.1, 0.05, 4));
            long deadline = System.currentTimeMillis() + 20_000;
            while (lastDropped(ws) == 0 && System.currentTimeMillis() < deadline) {
                ws.binary(more);
                Thread.sleep(50);
            }
            double maxQueued = server.app.registry().get("screamguard_stream_queue_seconds").summary().max();
            ws.close();

            assertTrue(maxQueued <= 1.0 + 0.11, "the queue held at most its bound plus one frame, got " + maxQueued + " s");
            String metrics = server.get("/metrics").body();
            double dropped = metricValue(metrics, "screamguard_dropped_windows_total");
            assertTrue(dropped > 0, "dropped windows are counted in /metrics");
            assertTrue(lastDropped(ws) > 0, "hop messages report the dropped windows");
            assertTrue(lastDropped(ws) <= dropped, "messages and metrics agree");
            List<JsonNode> hops = ws.ofType("hop");
            assertTrue(hops.size() < 47, "fewer than the 47 windows of 12 s were scored: " + hops.size());
            double scoredSeconds = 0.5 + 0.25 * (hops.size() - 1);
            assertTrue(lastT(ws) > scoredSeconds + 1,
                    "t stays stream time across the dropped audio: last t " + lastT(ws) + " s after " + hops.size() + " windows");
            assertEquals(200, server.get("/health").statusCode());
        }
    }

    @Test
    void a_stream_beyond_max_streams_is_closed_with_1013_and_the_others_continue() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.MAX_STREAMS, "1"))) {
            WsClient first = server.stream("/api/stream");
            first.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");

            WsClient second = server.stream("/api/stream");

            assertEquals(1013, second.awaitCloseCode(10));
            assertTrue(second.closeReason.contains("MAX_STREAMS"), second.closeReason);
            first.binary(TestAudio.s16le(TestAudio.noise(16000, 0.5, 0.01, 3)));
            StreamApiTest.await(() -> first.ofType("hop").size() == 1, "the first stream's hop");
            first.close();
            StreamApiTest.await(() -> server.app.registry().get("screamguard_active_streams").gauge().value() == 0,
                    "the stream to end");
            WsClient third = server.stream("/api/stream");
            third.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
            StreamApiTest.await(() -> third.ofType("ready").size() == 1, "a slot to be free again");
            third.close();
        }
    }

    /** Waits until no hop message has arrived for a second (the queue is drained). */
    static void awaitQuiet(WsClient ws) throws InterruptedException {
        int last = -1;
        int stable = 0;
        for (int i = 0; i < 100 && stable < 4; i++) {
            Thread.sleep(250);
            int now = ws.ofType("hop").size();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }

    static double lastT(WsClient ws) {
        List<JsonNode> hops = ws.ofType("hop");
        return hops.isEmpty() ? 0 : hops.get(hops.size() - 1).get("t").asDouble();
    }

    static long lastDropped(WsClient ws) {
        List<JsonNode> hops = ws.ofType("hop");
        return hops.isEmpty() ? 0 : hops.get(hops.size() - 1).get("dropped_windows").asLong();
    }

    static double metricValue(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }
}
