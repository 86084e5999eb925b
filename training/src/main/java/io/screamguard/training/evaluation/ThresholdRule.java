package io.screamguard.training.evaluation;

import io.screamguard.training.dataset.Clip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the default threshold is chosen from clip scores: the highest recall among the thresholds
 * 0.00..1.00 whose false-alarm rate over all non-screams is at most {@code maxFalseAlarmRate} and
 * whose false-alarm rate within every non-scream subtype of at least {@code minSubtypeClips}
 * clips is at most {@code maxSubtypeFalseAlarmRate} (so that no kind of sound, laughter say, is
 * sacrificed to a good average); among equal recall the fewest false alarms; among those the
 * middle threshold. When no threshold meets both limits, the overall limit alone; when none meets
 * that, 1.00.
 *
 * @param maxFalseAlarmRate        overall limit in [0, 1], e.g. 0.01
 * @param maxSubtypeFalseAlarmRate per-subtype limit in [0, 1], e.g. 0.03 (1 = no subtype limit)
 * @param minSubtypeClips          subtypes with fewer non-scream clips are not held to the subtype
 *                                 limit (a rate over 5 clips says little), >= 1
 * @param exemptSubtypes           subtypes starting with one of these are not held to the subtype
 *                                 limit (they still count in the overall rate): sounds that are
 *                                 screams of another kind, such as an infant's cry or an animal's
 *                                 call, which the product does not promise to tell apart
 */
public record ThresholdRule(double maxFalseAlarmRate, double maxSubtypeFalseAlarmRate, int minSubtypeClips,
                            List<String> exemptSubtypes) {

    public ThresholdRule {
        if (!(maxFalseAlarmRate >= 0 && maxFalseAlarmRate <= 1)) {
            throw new IllegalArgumentException("--max-false-alarm-rate must be in [0, 1], got " + maxFalseAlarmRate);
        }
        if (!(maxSubtypeFalseAlarmRate >= 0 && maxSubtypeFalseAlarmRate <= 1)) {
            throw new IllegalArgumentException("--max-subtype-false-alarm-rate must be in [0, 1], got "
                    + maxSubtypeFalseAlarmRate);
        }
        if (minSubtypeClips < 1) {
            throw new IllegalArgumentException("--min-subtype-clips must be >= 1, got " + minSubtypeClips);
        }
        exemptSubtypes = exemptSubtypes == null ? List.of()
                : exemptSubtypes.stream().map(String::trim).filter(e -> !e.isEmpty() && !e.equals("none")).toList();
    }

    /** The overall limit only (models written before subtypes were known). */
    public static ThresholdRule overallOnly(double maxFalseAlarmRate) {
        return new ThresholdRule(maxFalseAlarmRate, 1.0, 1, List.of());
    }

    /** Whether a subtype is held to the subtype limit. */
    public boolean limits(String subtype) {
        return exemptSubtypes.stream().noneMatch(subtype::startsWith);
    }

    /**
     * Applies the rule.
     *
     * @param clips  the clips (labels and subtypes)
     * @param scores a clip score per clip
     * @return the threshold
     */
    public double choose(List<Clip> clips, double[] scores) {
        int[] labels = clips.stream().mapToInt(Clip::label).toArray();
        List<ThresholdPoint> curve = ThresholdCurve.of(scores, labels);
        List<ThresholdPoint> withinSubtypes = new ArrayList<>();
        Map<String, List<Integer>> subtypes = nonScreamSubtypes(clips);
        for (ThresholdPoint point : curve) {
            if (subtypesWithin(point.threshold(), subtypes, scores)) {
                withinSubtypes.add(point);
            }
        }
        List<ThresholdPoint> allowed = withinSubtypes.stream()
                .filter(p -> !(p.falseAlarmRate() > maxFalseAlarmRate)).toList();
        return allowed.isEmpty() ? ThresholdCurve.recommend(curve, maxFalseAlarmRate)
                : ThresholdCurve.recommend(allowed, maxFalseAlarmRate);
    }

    private Map<String, List<Integer>> nonScreamSubtypes(List<Clip> clips) {
        Map<String, List<Integer>> bySubtype = new LinkedHashMap<>();
        for (int i = 0; i < clips.size(); i++) {
            if (!clips.get(i).isScream() && limits(clips.get(i).subtype())) {
                bySubtype.computeIfAbsent(clips.get(i).subtype(), s -> new ArrayList<>()).add(i);
            }
        }
        bySubtype.values().removeIf(members -> members.size() < minSubtypeClips);
        return bySubtype;
    }

    private boolean subtypesWithin(double threshold, Map<String, List<Integer>> subtypes, double[] scores) {
        for (List<Integer> members : subtypes.values()) {
            long alarms = members.stream().filter(i -> scores[i] >= threshold).count();
            if (alarms > maxSubtypeFalseAlarmRate * members.size()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "highest out-of-fold clip recall with false-alarm rate <= %.3f "
                        + "overall and <= %.3f within every non-scream subtype of at least %d clips%s; among equal "
                        + "recall the fewest false alarms; among those the middle threshold",
                maxFalseAlarmRate, maxSubtypeFalseAlarmRate, minSubtypeClips,
                exemptSubtypes.isEmpty() ? "" : " (except subtypes starting " + String.join(", ", exemptSubtypes)
                        + ", held to the overall limit only)");
    }
}
