package io.screamguard.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.CoreScoring;
import io.screamguard.server.support.AppHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "Fuzzing": a few hundred seeded random and mutated requests against the in-process app
 * with the real decoders and the shipped model. No case may be answered 5xx (but a documented
 * busy/alerting-not-configured 503) or closed 1011, the server must still answer /health, and
 * the heap must not grow between the two halves of the run.
 */
class FuzzTest {
    static final long SEED = 11;
    static final int HALF = 200;

    @TempDir
    Path dir;

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void hundreds_of_hostile_requests_get_no_5xx_and_leave_the_server_answering_with_a_flat_heap() throws Exception {
        ScreamModel model = ScreamModel.loadResource("model");
        CoreScoring scoring = new CoreScoring(model, DetectorConfig.fromModel(model.metadata()),
                new DecodeLimits(1 << 20, 30));
        try (AppHarness app = AppHarness.start(dir, Map.of(Setting.MAX_UPLOAD_BYTES, Integer.toString(1 << 20),
                Setting.MAX_UPLOAD_SECONDS, "30"), scoring, OfflineIpLocator.empty())) {
            Fuzzer fuzzer = new Fuzzer("127.0.0.1", app.app.port(), app.owner.cookie, SEED);

            Fuzzer.Result first = fuzzer.run(0, HALF, i -> { });
            long heapAfterFirst = usedHeapAfterGc();
            Fuzzer.Result second = fuzzer.run(HALF, 2 * HALF, i -> { });
            long heapAfterSecond = usedHeapAfterGc();

            System.out.println("FuzzTest: " + first.counts() + " then " + second.counts() + "; heap after GC "
                    + heapAfterFirst / 1048576 + " MiB, then " + heapAfterSecond / 1048576 + " MiB");
            assertEquals(List.of(), first.failures());
            assertEquals(List.of(), second.failures());
            assertEquals(2 * HALF, first.cases() + second.cases());
            assertTrue(first.counts().keySet().stream().anyMatch(k -> k.startsWith("ws ")), "WebSocket cases ran: "
                    + first.counts());
            assertTrue(first.counts().getOrDefault("http 200", 0) > 0, "some cases are valid: " + first.counts());
            assertEquals(200, app.get("/health").statusCode());
            assertTrue(heapAfterSecond - heapAfterFirst < 48L << 20, "the heap grew by "
                    + (heapAfterSecond - heapAfterFirst) / 1048576 + " MiB over " + HALF + " cases");
        }
    }
}
