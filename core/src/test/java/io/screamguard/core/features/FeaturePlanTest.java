package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FeaturePlanTest {

    @Test
    void equal_configurations_share_one_plan() {
        FeaturePlan a = FeaturePlan.of(FeatureConfig.analysis());
        FeaturePlan b = FeaturePlan.of(new FeatureConfig(16000, 1024, 320, 64, 0.0, 8000.0, 20, 6, 200.0));

        assertSame(a, b);
        assertNotSame(a, FeaturePlan.of(FeatureConfig.librosa(22050)));
    }

    @Test
    void analysers_share_the_tables_but_not_the_buffers() {
        FrameAnalyzer first = new FrameAnalyzer(FeatureConfig.analysis());
        FrameAnalyzer second = new FrameAnalyzer(FeatureConfig.analysis());
        float[] loud = Tones.screamLike(1, 16000, 0.2);
        float[] quiet = Tones.noise(2, 0.01, 3200);
        double[] alone = new double[first.width];
        first.analyze(loud, 0, alone);

        double[] interleaved = new double[first.width];
        double[] other = new double[first.width];
        second.analyze(quiet, 0, other);
        second.analyze(loud, 0, interleaved);

        assertSame(first.plan(), second.plan());
        assertArrayEquals(alone, interleaved, "an analyser's result does not depend on another's frames");
    }

    @Test
    void extractors_on_many_threads_at_once_give_the_single_thread_vectors() throws Exception {
        FeatureConfig config = FeatureConfig.analysis();
        float[] clip = Tones.screamLike(3, config.sampleRate(), 4.0);
        List<float[]> expected = new WindowFeatureExtractor(config, WindowConfig.DEFAULT).windows(clip);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    List<float[]> out = new ArrayList<>();
                    new StreamingFeatureExtractor(config, WindowConfig.DEFAULT)
                            .push(clip, (end, summary, rms) -> out.add(summary));
                    return out;
                }));
            }
            for (Future<List<float[]>> result : results) {
                List<float[]> got = result.get();
                assertEquals(expected.size(), got.size());
                for (int j = 0; j < expected.size(); j++) {
                    assertArrayEquals(expected.get(j), got.get(j), "window " + j);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
