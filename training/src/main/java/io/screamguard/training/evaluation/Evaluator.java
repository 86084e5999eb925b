package io.screamguard.training.evaluation;

import io.screamguard.training.dataset.Clip;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one evaluation of the project: cross-validation (on out-of-fold scores) and the
 * {@code evaluate} command (on a saved model's scores) both call {@link #evaluate}.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Evaluates clip scores.
     *
     * @param clips             the clips, with their labels and sources
     * @param scores            a clip score per clip (see {@link ClipScorer})
     * @param threshold         the decision threshold in [0, 1], or NaN to use the recommended one
     * @param maxFalseAlarmRate the false-alarm limit of the default-threshold rule, e.g. 0.02
     * @return the figures
     */
    public static Evaluation evaluate(List<Clip> clips, double[] scores, double threshold, double maxFalseAlarmRate) {
        if (clips.size() != scores.length) {
            throw new IllegalArgumentException("need one score per clip, got " + clips.size() + " clips and "
                    + scores.length + " scores");
        }
        if (!Double.isNaN(threshold) && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        int[] labels = clips.stream().mapToInt(Clip::label).toArray();
        List<ThresholdPoint> curve = ThresholdCurve.of(scores, labels);
        double recommended = ThresholdCurve.recommend(curve, maxFalseAlarmRate);
        double used = Double.isNaN(threshold) ? recommended : threshold;
        Confusion confusion = ThresholdCurve.confusionAt(scores, labels, used);
        Map<String, Confusion> bySource = new TreeMap<>();
        for (int i = 0; i < clips.size(); i++) {
            Confusion one = ThresholdCurve.confusionAt(new double[] {scores[i]}, new int[] {labels[i]}, used);
            bySource.merge(clips.get(i).source(), one, Confusion::plus);
        }
        return new Evaluation(clips.size(), confusion.positives(), used, confusion,
                RankingMetrics.rocAuc(scores, labels), RankingMetrics.prAuc(scores, labels), curve, recommended,
                bySource);
    }
}
