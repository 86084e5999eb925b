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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One greedy client cannot take the scoring workers from paced streams (issue 11, item 7). */
class StreamFairnessTest {
    static final String HELLO = "{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}";

    @TempDir
    Path dataDir;

    @Test
    void a_client_sending_1_mib_frames_back_to_back_gets_turns_with_the_paced_streams_not_the_whole_worker() throws Exception {
        // one worker, held on the greedy stream's first hop until every stream has audio waiting:
        // which stream is scored next is then decided by the scheduling alone, not by timing
        GatedScoring scoring = new GatedScoring();
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.STREAM_WORKERS, "1",
                Setting.STREAM_QUEUE_SECONDS, "60", Setting.MAX_STREAMS, "10",
                // the worker is held on purpose while the paced streams connect: not an overload to refuse them for
                Setting.STREAM_ADMIT_BACKLOG_SECONDS, "60"), scoring, OfflineIpLocator.empty())) {
            WsClient greedy = server.stream("/api/stream");
            greedy.text(HELLO); // stream 0
            byte[] mib = TestAudio.s16le(TestAudio.noise(16000, 1024 * 1024 / 32000.0, 0.05, 1)); // 32.8 s
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 4; i++) {
                    StreamReplayTest.sendInPieces(greedy, mib, mib.length);
                }
            });
            StreamApiTest.await(() -> scoring.entered() == 1, "the worker to take the greedy stream's first hop");

            List<WsClient> paced = new ArrayList<>();
            io.micrometer.core.instrument.DistributionSummary received =
                    server.app.registry().get("screamguard_stream_queue_seconds").summary();
            long before = received.count();
            for (int i = 0; i < 3; i++) {
                WsClient ws = server.stream("/api/stream");
                ws.text(HELLO); // streams 1..3
                paced.add(ws);
                byte[] tenth = TestAudio.s16le(TestAudio.noise(16000, 0.1, 0.05, 10 + i));
                for (int k = 0; k < 15; k++) {
                    ws.binary(tenth); // 1.5 s each: 5 hops
                }
            }
            StreamApiTest.await(() -> received.count() >= before + 45, "the paced audio to be received");

            scoring.openGate();

            for (WsClient ws : paced) {
                StreamApiTest.await(() -> ws.ofType("hop").size() == 5, "each paced stream's 5 hops");
            }
            List<Integer> order = scoring.hopOrder();
            int lastPaced = Math.max(order.lastIndexOf(1), Math.max(order.lastIndexOf(2), order.lastIndexOf(3)));
            long greedyBefore = order.subList(0, lastPaced).stream().filter(s -> s == 0).count();
            // round robin: about one greedy hop per paced hop of each stream (5), never its whole backlog (131 hops)
            assertTrue(greedyBefore <= 2 * 5 + 2, "greedy hops scored before the paced streams were done: "
                    + greedyBefore + " in " + order.subList(0, lastPaced + 1));
            for (WsClient ws : paced) {
                List<JsonNode> hops = ws.ofType("hop");
                assertEquals(1.5, hops.get(4).get("t").asDouble(), 1e-9);
                assertEquals(0, hops.get(4).get("dropped_windows").asLong(), "a paced stream lost nothing");
                ws.close();
            }
            StreamApiTest.await(() -> greedy.ofType("hop").size() > greedyBefore, "the greedy stream to go on after");
            greedy.abort();
            flood.handle((v, e) -> null).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
