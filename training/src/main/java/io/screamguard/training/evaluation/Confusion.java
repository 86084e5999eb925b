package io.screamguard.training.evaluation;

/**
 * Counts of a binary decision: scream (positive) vs non-scream (negative).
 *
 * <p>Derived figures are {@code NaN} when undefined (precision with no positive decisions, recall
 * with no screams, false-alarm rate with no negatives), never a flattering 0 or 1.
 *
 * @param tp screams called screams
 * @param fp non-screams called screams (false alarms)
 * @param tn non-screams called non-screams
 * @param fn screams missed
 */
public record Confusion(int tp, int fp, int tn, int fn) {

    public Confusion {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("confusion counts must be >= 0, got tp=" + tp + " fp=" + fp
                    + " tn=" + tn + " fn=" + fn);
        }
    }

    /** All items counted. */
    public int total() {
        return tp + fp + tn + fn;
    }

    /** Screams (actual positives). */
    public int positives() {
        return tp + fn;
    }

    /** Non-screams (actual negatives). */
    public int negatives() {
        return fp + tn;
    }

    /** (tp + tn) / total, NaN when empty. */
    public double accuracy() {
        return ratio(tp + tn, total());
    }

    /** tp / (tp + fp), NaN when nothing was called a scream. */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /** tp / (tp + fn), NaN when there are no screams. */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** Harmonic mean of precision and recall; 0 when both are 0, NaN when either is undefined. */
    public double f1() {
        double p = precision();
        double r = recall();
        if (Double.isNaN(r)) {
            return Double.NaN;
        }
        if (Double.isNaN(p)) {
            // nothing called a scream while screams exist: recall 0, F1 0
            return tp + fn > 0 ? 0.0 : Double.NaN;
        }
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** False alarms over non-screams: fp / (fp + tn), NaN when there are no non-screams. */
    public double falseAlarmRate() {
        return ratio(fp, fp + tn);
    }

    /** The element-wise sum of two confusions. */
    public Confusion plus(Confusion other) {
        return new Confusion(tp + other.tp, fp + other.fp, tn + other.tn, fn + other.fn);
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
