package io.screamguard.training.evaluation;

/**
 * The decision figures at one threshold (a clip is called a scream when its score is at least the
 * threshold). NaN marks an undefined figure.
 *
 * @param threshold      probability threshold in [0, 1]
 * @param precision      tp / (tp + fp)
 * @param recall         tp / (tp + fn)
 * @param falseAlarmRate fp / (fp + tn)
 * @param f1             harmonic mean of precision and recall
 * @param confusion      the counts behind the figures
 */
public record ThresholdPoint(double threshold, double precision, double recall, double falseAlarmRate,
                             double f1, Confusion confusion) {

    /** The point for a confusion at a threshold. */
    public static ThresholdPoint of(double threshold, Confusion confusion) {
        return new ThresholdPoint(threshold, confusion.precision(), confusion.recall(),
                confusion.falseAlarmRate(), confusion.f1(), confusion);
    }
}
