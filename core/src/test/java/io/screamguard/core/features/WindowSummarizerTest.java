package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    @Test
    void the_column_statistics_of_one_pass_are_the_bits_of_each_column_summed_alone() {
        SplittableRandom random = new SplittableRandom(21);
        for (int trial = 0; trial < 200; trial++) {
            int count = random.nextInt(1, 80);
            int first = random.nextInt(0, 10);
            double[][] rows = new double[first + count][plan.width];
            for (double[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    // values of every scale, as frame rows have (MFCC 0 near -500, flatness near 1e-4, Hz)
                    row[c] = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(-6, 5));
                }
            }

            WindowSummarizer.ColumnStats stats = new WindowSummarizer.ColumnStats(rows, first, count,
                    plan.mfccOffset, plan.config.nMfcc());

            for (int c = 0; c < plan.width; c++) {
                assertEquals(Double.doubleToLongBits(WindowSummarizer.mean(rows, first, count, c)),
                        Double.doubleToLongBits(stats.mean[c]), "mean of column " + c);
                assertEquals(Double.doubleToLongBits(WindowSummarizer.std(rows, first, count, c)),
                        Double.doubleToLongBits(stats.std[c]), "std of column " + c);
            }
            for (int k = 0; k < plan.config.nMfcc(); k++) {
                int c = plan.mfccOffset + k;
                assertEquals(Double.doubleToLongBits(WindowSummarizer.deltaRms(rows, first, count, c)),
                        Double.doubleToLongBits(stats.deltaRms[c]), "delta rms of column " + c);
            }
        }
    }
}
