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
            // 12 s of audio in 0.1 s frames (odd byte counts) while the scorer is stuck on the first hop
            for (int at = 0; at < 3 * 3201; at += 3201) {
                ws.binary(java.util.Arrays.copyOfRange(pcm, at, at + 3201));
            }
            StreamApiTest.await(() -> scoring.entered() == 1, "the worker to take the first hop");
            for (int at = 3 * 3201; at < pcm.length; at += 3201) {
                ws.binary(java.util.Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3201)));
            }
            // frames are counted as they are taken in; with the gate closed the server stops reading
            // at the bound, and once the oldest audio has waited the 1 s it sheds it, whole hops first
            io.micrometer.core.instrument.DistributionSummary queued =
                    server.app.registry().get("screamguard_stream_queue_seconds").summary();
            // (at most real time while the worker is stuck: about 12 s)
            awaitLong(() -> queued.count() == 120, "the server to take in the 120 frames, shedding the oldest");
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
    void under_overload_whole_hops_are_shed_t_stays_on_the_hop_grid_and_the_client_and_server_counts_agree() throws Exception {
        // the worker is held on the first hop for longer than the 1 s queue: the server is behind
        // real time by construction, so it must shed; 6 s are sent in 640-byte messages
        GatedScoring scoring = new GatedScoring();
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.STREAM_QUEUE_SECONDS, "1.0"),
                scoring, OfflineIpLocator.empty())) {
            WsClient ws = server.stream("/api/stream");
            ws.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
            byte[] pcm = TestAudio.s16le(TestAudio.noise(16000, 6.0, 0.05, 7));
            java.util.concurrent.CompletableFuture<Void> sender = java.util.concurrent.CompletableFuture.runAsync(
                    () -> StreamReplayTest.sendInPieces(ws, pcm, 640));
            StreamApiTest.await(() -> scoring.entered() == 1, "the worker to take the first hop");
            sender.get(60, java.util.concurrent.TimeUnit.SECONDS);
            io.micrometer.core.instrument.DistributionSummary received =
                    server.app.registry().get("screamguard_stream_queue_seconds").summary();
            // every message taken in (one sample each) while the worker is stuck: the overflow was shed
            awaitLong(() -> received.count() == 300, "the server to take in the 300 messages (at most real time: 6 s)");

            scoring.openGate();

            StreamApiTest.await(() -> lastT(ws) >= 6.0 - 1e-9, "the hop at the end of the 6 s sent");
            List<JsonNode> hops = ws.ofType("hop");
            for (JsonNode h : hops) {
                double t = h.get("t").asDouble();
                assertEquals(Math.round(t / 0.25) * 0.25, t, 1e-9, "t on the 0.25 s hop grid: " + t);
            }
            assertEquals(6.0, lastT(ws), 1e-9, "stream time is the audio sent");
            long grid = Math.round((6.0 - 0.5) / 0.25) + 1; // windows ending at 0.5, 0.75, ..., 6.0
            assertTrue(lastDropped(ws) > 0, "audio was shed");
            assertEquals(grid, hops.size() + lastDropped(ws), "scored hops plus dropped windows are the windows of 6 s");
            ws.close();
            StreamApiTest.await(() -> server.app.registry().get("screamguard_active_streams").gauge().value() == 0,
                    "the stream to end");
            assertEquals((double) lastDropped(ws), metricValue(server.get("/metrics").body(),
                    "screamguard_dropped_windows_total"), 1e-9, "the client's count is the server's");
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

    @Test
    void while_the_scoring_is_behind_a_new_stream_is_refused_with_1013_and_the_open_ones_keep_their_place() throws Exception {
        // one worker held on the first stream's first hop: the second stream's hop waits for a
        // worker, so the scoring is behind by construction and the wait grows past the 0.2 s limit
        GatedScoring scoring = new GatedScoring();
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.STREAM_WORKERS, "1",
                Setting.STREAM_ADMIT_BACKLOG_SECONDS, "0.2"), scoring, OfflineIpLocator.empty())) {
            String hello = "{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}";
            byte[] hop = TestAudio.s16le(TestAudio.noise(16000, 0.5, 0.05, 5));
            WsClient first = server.stream("/api/stream");
            first.text(hello);
            first.binary(hop);
            StreamApiTest.await(() -> scoring.entered() == 1, "the worker to take the first stream's hop");
            WsClient second = server.stream("/api/stream");
            second.text(hello);
            second.binary(hop);
            io.micrometer.core.instrument.Gauge backlog = server.app.registry().get("screamguard_scoring_backlog_seconds").gauge();
            StreamApiTest.await(() -> backlog.value() > 0.3, "the second stream's hop to wait for a worker");

            // when a third page connects, it is told to come back later, and why
            WsClient third = server.stream("/api/stream");
            assertEquals(1013, third.awaitCloseCode(10));
            assertTrue(third.closeReason.contains("behind"), third.closeReason);
            String refused = server.get("/metrics").body().lines()
                    .filter(l -> l.startsWith("screamguard_streams_refused_total{") && l.contains("reason=\"scoring_behind\""))
                    .findFirst().orElseThrow();
            assertEquals(1.0, Double.parseDouble(refused.substring(refused.lastIndexOf(' ') + 1)), refused);

            // then the open streams are scored once the worker is free, and a new stream is admitted again
            scoring.openGate();
            StreamApiTest.await(() -> first.ofType("hop").size() == 1 && second.ofType("hop").size() == 1,
                    "both open streams' hops");
            StreamApiTest.await(() -> backlog.value() == 0, "the backlog to drain");
            WsClient fourth = server.stream("/api/stream");
            fourth.text(hello);
            StreamApiTest.await(() -> fourth.ofType("ready").size() == 1, "a new stream to be admitted");
            for (WsClient ws : List.of(first, second, fourth)) {
                ws.close();
            }
        }
    }

    /** Waits up to two minutes: a server that is behind takes audio in at most at real time. */
    static void awaitLong(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
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
