package io.screamguard.training.evaluation;

import java.util.ArrayList;
import java.util.List;

/** Decision figures for every threshold from 0.00 to 1.00 in steps of 0.01, and the default rule. */
public final class ThresholdCurve {

    /** Thresholds on the curve: 0.00, 0.01, ..., 1.00. */
    public static final int STEPS = 100;

    private ThresholdCurve() {
    }

    /** The confusion when every score >= {@code threshold} is called a scream. */
    public static Confusion confusionAt(double[] scores, int[] labels, double threshold) {
        RankingMetrics.checkLengths(scores, labels);
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean called = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (called) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (called) {
                fp++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /** The threshold of step {@code i}, rounded so that 0.07 is exactly the double 0.07. */
    public static double thresholdOfStep(int i) {
        return Math.round(i * (100.0 / STEPS)) / 100.0;
    }

    /** 101 points, thresholds 0.00 to 1.00. */
    public static List<ThresholdPoint> of(double[] scores, int[] labels) {
        List<ThresholdPoint> curve = new ArrayList<>(STEPS + 1);
        for (int i = 0; i <= STEPS; i++) {
            double threshold = thresholdOfStep(i);
            curve.add(ThresholdPoint.of(threshold, confusionAt(scores, labels, threshold)));
        }
        return curve;
    }

    /**
     * The default threshold rule: the highest recall whose false-alarm rate is at most
     * {@code maxFalseAlarmRate}; among thresholds with that recall, the fewest false alarms; among
     * those, the middle of the run of thresholds (a margin on both sides). Where no point has a
     * defined recall (no screams), the lowest threshold meeting the false-alarm limit. When no
     * threshold meets the limit, 1.00.
     *
     * @param curve             the curve of {@link #of}
     * @param maxFalseAlarmRate false alarms allowed, e.g. 0.02
     * @return the recommended threshold
     */
    public static double recommend(List<ThresholdPoint> curve, double maxFalseAlarmRate) {
        if (!(maxFalseAlarmRate >= 0 && maxFalseAlarmRate <= 1)) {
            throw new IllegalArgumentException("maxFalseAlarmRate must be in [0, 1], got " + maxFalseAlarmRate);
        }
        List<ThresholdPoint> allowed = curve.stream()
                .filter(p -> !(p.falseAlarmRate() > maxFalseAlarmRate))
                .toList();
        if (allowed.isEmpty()) {
            return 1.0;
        }
        boolean recallDefined = allowed.stream().anyMatch(p -> !Double.isNaN(p.recall()));
        if (!recallDefined) {
            return allowed.get(0).threshold();
        }
        double bestRecall = allowed.stream().mapToDouble(ThresholdPoint::recall).filter(r -> !Double.isNaN(r))
                .max().orElseThrow();
        List<ThresholdPoint> best = allowed.stream().filter(p -> p.recall() == bestRecall).toList();
        int fewestFalseAlarms = best.stream().mapToInt(p -> p.confusion().fp()).min().orElseThrow();
        List<ThresholdPoint> tied = best.stream().filter(p -> p.confusion().fp() == fewestFalseAlarms).toList();
        return tied.get((tied.size() - 1) / 2).threshold();
    }
}
