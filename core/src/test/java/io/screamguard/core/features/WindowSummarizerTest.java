package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowSummarizerTest {
    private final FeaturePlan plan = FeaturePlan.of(FeatureConfig.analysis());

    @Test
    void a_window_that_wraps_around_the_ring_has_the_summary_of_its_rows_in_order() {
        // given 50 frame rows of an analysed signal, and the same rows in a ring starting at slot 25
        FrameAnalyzer analyzer = new FrameAnalyzer(plan);
        float[] signal = Tones.screamLike(12, 16000, 1.1);
        int count = 50;
        double[][] ordered = new double[count][analyzer.width];
        for (int t = 0; t < count; t++) {
            analyzer.analyze(signal, t * 320, ordered[t]);
        }
        double[][] ring = new double[count][];
        for (int t = 0; t < count; t++) {
            ring[(25 + t) % count] = ordered[t];
        }

        // when both are summarised
        float[] straight = new VectorWriter().write(plan.summarizer, ordered, 0, count, plan.schema.size());
        float[] wrapped = new VectorWriter().write(plan.summarizer, ring, 25, count, plan.schema.size());

        // then the vectors are the same bits, and the voiced pitch statistics were exercised
        assertArrayEquals(straight, wrapped);
        assertTrue(straight[plan.schema.names().indexOf("voiced_fraction")] > 0.5, "the scream-like signal is voiced");
    }

    @Test
    void a_window_inside_a_longer_array_of_rows_has_the_summary_of_those_rows_alone() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] rows = new double[80][plan.width];
        for (double[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextDouble();
            }
            row[plan.pitchIndex] = 100 + 900 * random.nextDouble();
        }
        double[][] alone = java.util.Arrays.copyOfRange(rows, 17, 67);

        float[] inside = new VectorWriter().write(plan.summarizer, rows, 17, 50, plan.schema.size());
        float[] copied = new VectorWriter().write(plan.summarizer, alone, 0, 50, plan.schema.size());

        assertArrayEquals(copied, inside);
    }
}
