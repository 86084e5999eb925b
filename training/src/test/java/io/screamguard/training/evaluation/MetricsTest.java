package io.screamguard.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void confusion_figures_follow_their_definitions() {
        Confusion c = new Confusion(8, 2, 88, 2);

        assertEquals(0.8, c.precision(), 1e-12);
        assertEquals(0.8, c.recall(), 1e-12);
        assertEquals(0.8, c.f1(), 1e-12);
        assertEquals(2.0 / 90, c.falseAlarmRate(), 1e-12);
        assertEquals(0.96, c.accuracy(), 1e-12);
    }

    @Test
    void undefined_figures_are_nan_not_flattering_numbers() {
        Confusion noScreams = new Confusion(0, 3, 97, 0);
        Confusion nothingCalled = new Confusion(0, 0, 10, 5);

        assertTrue(Double.isNaN(noScreams.recall()));
        assertTrue(Double.isNaN(noScreams.f1()));
        assertEquals(0.03, noScreams.falseAlarmRate(), 1e-12);
        assertTrue(Double.isNaN(nothingCalled.precision()));
        assertEquals(0.0, nothingCalled.f1());
    }

    @Test
    void roc_auc_is_one_for_a_perfect_ranking_and_one_half_for_all_ties() {
        int[] labels = {0, 0, 1, 1};

        assertEquals(1.0, RankingMetrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, labels), 1e-12);
        assertEquals(0.0, RankingMetrics.rocAuc(new double[] {0.9, 0.8, 0.2, 0.1}, labels), 1e-12);
        assertEquals(0.5, RankingMetrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5}, labels), 1e-12);
        assertEquals(0.75, RankingMetrics.rocAuc(new double[] {0.1, 0.6, 0.5, 0.9}, labels), 1e-12);
        assertTrue(Double.isNaN(RankingMetrics.rocAuc(new double[] {0.1, 0.2}, new int[] {0, 0})));
    }

    @Test
    void pr_auc_is_average_precision_and_ties_do_not_flatter() {
        // ranking: 1 (0.9), 0 (0.8), 1 (0.7): AP = (1/1 + 2/3) / 2
        double ap = RankingMetrics.prAuc(new double[] {0.9, 0.8, 0.7}, new int[] {1, 0, 1});
        double allTied = RankingMetrics.prAuc(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {1, 0, 0, 0});

        assertEquals((1 + 2.0 / 3) / 2, ap, 1e-12);
        assertEquals(0.25, allTied, 1e-12);
        assertTrue(Double.isNaN(RankingMetrics.prAuc(new double[] {0.1}, new int[] {0})));
    }

    @Test
    void the_curve_has_101_points_from_zero_to_one() {
        List<ThresholdPoint> curve = ThresholdCurve.of(new double[] {0.05, 0.95}, new int[] {0, 1});

        assertEquals(101, curve.size());
        assertEquals(0.0, curve.get(0).threshold());
        assertEquals(0.07, curve.get(7).threshold());
        assertEquals(1.0, curve.get(100).threshold());
        assertEquals(1.0, curve.get(0).falseAlarmRate());
        assertEquals(0.0, curve.get(6).falseAlarmRate());
        assertEquals(1.0, curve.get(95).recall());
        assertEquals(0.0, curve.get(96).recall());
    }

    @Test
    void the_recommended_threshold_has_the_highest_recall_within_the_false_alarm_limit() {
        // 100 negatives: 2 score 0.60, the others 0.10; screams at 0.30, 0.70, 0.80
        double[] scores = new double[103];
        int[] labels = new int[103];
        java.util.Arrays.fill(scores, 0.10);
        scores[0] = 0.60;
        scores[1] = 0.60;
        scores[100] = 0.30;
        scores[101] = 0.70;
        scores[102] = 0.80;
        labels[100] = labels[101] = labels[102] = 1;

        List<ThresholdPoint> curve = ThresholdCurve.of(scores, labels);
        double loose = ThresholdCurve.recommend(curve, 0.02);
        double strict = ThresholdCurve.recommend(curve, 0.01);

        // FAR 2 %: every threshold in (0.10, 0.30] finds all three screams with 2 false alarms: middle 0.20
        assertEquals(0.20, loose, 1e-9);
        // FAR 1 %: only thresholds above 0.60 qualify; recall 2/3 on (0.60, 0.70]: middle of 0.61..0.70
        assertEquals(0.65, strict, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ThresholdCurve.recommend(curve, 1.5));
    }
}
