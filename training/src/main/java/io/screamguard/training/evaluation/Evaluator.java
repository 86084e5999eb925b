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
     * @param rule              the default-threshold rule
     * @return the figures
     */
    public static Evaluation evaluate(List<Clip> clips, double[] scores, double threshold, ThresholdRule rule) {
        if (clips.size() != scores.length) {
            throw new IllegalArgumentException("need one score per clip, got " + clips.size() + " clips and "
                    + scores.length + " scores");
        }
        if (!Double.isNaN(threshold) && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        int[] labels = clips.stream().mapToInt(Clip::label).toArray();
        List<ThresholdPoint> curve = ThresholdCurve.of(scores, labels);
        double recommended = rule.choose(clips, scores);
        double used = Double.isNaN(threshold) ? recommended : threshold;
        double[] thresholds = new double[clips.size()];
        java.util.Arrays.fill(thresholds, used);
        Judged judged = judge(clips, scores, thresholds);
        return new Evaluation(clips.size(), judged.confusion().positives(), used, judged.confusion(),
                RankingMetrics.rocAuc(scores, labels), RankingMetrics.prAuc(scores, labels), curve, recommended,
                judged.bySource(), judged.bySubtype());
    }

    /**
     * Clip decisions at a threshold of each clip's own (nested cross-validation judges each outer
     * fold at the threshold its inner folds chose).
     *
     * @param clips      the clips
     * @param scores     a score per clip
     * @param thresholds a threshold per clip
     * @return the confusion, per source and per subtype
     */
    public static Judged judge(List<Clip> clips, double[] scores, double[] thresholds) {
        if (clips.size() != scores.length || scores.length != thresholds.length) {
            throw new IllegalArgumentException("need one score and one threshold per clip, got " + clips.size()
                    + " clips, " + scores.length + " scores and " + thresholds.length + " thresholds");
        }
        Confusion total = new Confusion(0, 0, 0, 0);
        Map<String, Confusion> bySource = new TreeMap<>();
        Map<String, Confusion> bySubtype = new TreeMap<>();
        for (int i = 0; i < clips.size(); i++) {
            Clip clip = clips.get(i);
            Confusion one = ThresholdCurve.confusionAt(new double[] {scores[i]}, new int[] {clip.label()},
                    thresholds[i]);
            total = total.plus(one);
            bySource.merge(clip.source(), one, Confusion::plus);
            bySubtype.merge(clip.subtype(), one, Confusion::plus);
        }
        return new Judged(total, bySource, bySubtype);
    }

    /**
     * Decisions pooled over clips.
     *
     * @param confusion all clips
     * @param bySource  per source
     * @param bySubtype per subtype (across sources: {@code laugh} of every source together)
     */
    public record Judged(Confusion confusion, Map<String, Confusion> bySource, Map<String, Confusion> bySubtype) {
    }
}
