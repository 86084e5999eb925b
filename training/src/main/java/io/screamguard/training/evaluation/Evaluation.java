package io.screamguard.training.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clip-level figures of a set of scored clips at one threshold. Every figure counts clips (one
 * recording = one decision), never windows.
 *
 * @param clips                 clips scored
 * @param screams               of which screams
 * @param threshold             the threshold the confusion is taken at
 * @param confusion             counts at {@code threshold}
 * @param rocAuc                ROC AUC of the clip scores (NaN with one class)
 * @param prAuc                 average precision of the clip scores (NaN without screams)
 * @param curve                 figures at thresholds 0.00..1.00
 * @param recommendedThreshold  the default-threshold rule applied to {@code curve}
 * @param bySource              per source, the confusion at {@code threshold}
 * @param bySubtype             per subtype (across sources), the confusion at {@code threshold}
 */
public record Evaluation(int clips, int screams, double threshold, Confusion confusion, double rocAuc,
                         double prAuc, List<ThresholdPoint> curve, double recommendedThreshold,
                         Map<String, Confusion> bySource, Map<String, Confusion> bySubtype) {

    /**
     * The JSON object of {@code evaluate --json}: clips, screams, threshold, accuracy, precision,
     * recall, f1, false_alarm_rate, tp, fp, tn, fn, roc_auc, pr_auc (undefined figures as null),
     * by_source and by_subtype (the same figures per source and per subtype).
     */
    public Map<String, Object> summaryJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clips", clips);
        json.put("screams", screams);
        json.put("threshold", threshold);
        json.putAll(confusionJson(confusion));
        // the order of the first contract: the AUCs after the rates, then the counts
        for (String count : List.of("tp", "fp", "tn", "fn")) {
            json.remove(count);
        }
        json.put("roc_auc", finite(rocAuc));
        json.put("pr_auc", finite(prAuc));
        json.put("tp", confusion.tp());
        json.put("fp", confusion.fp());
        json.put("tn", confusion.tn());
        json.put("fn", confusion.fn());
        json.put("by_source", bySourceJson());
        json.put("by_subtype", bySubtypeJson());
        return json;
    }

    /** accuracy, precision, recall, f1, false_alarm_rate, tp, fp, tn, fn of one confusion (undefined as null). */
    public static Map<String, Object> confusionJson(Confusion confusion) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", finite(confusion.accuracy()));
        json.put("precision", finite(confusion.precision()));
        json.put("recall", finite(confusion.recall()));
        json.put("f1", finite(confusion.f1()));
        json.put("false_alarm_rate", finite(confusion.falseAlarmRate()));
        json.put("tp", confusion.tp());
        json.put("fp", confusion.fp());
        json.put("tn", confusion.tn());
        json.put("fn", confusion.fn());
        return json;
    }

    /** Per-source figures as JSON objects (clips, screams, precision, recall, f1, false_alarm_rate). */
    public Map<String, Object> bySourceJson() {
        return groupsJson(bySource);
    }

    /** Per-subtype figures as JSON objects, as {@link #bySourceJson()}. */
    public Map<String, Object> bySubtypeJson() {
        return groupsJson(bySubtype);
    }

    /** Figures of groups of clips as JSON objects (clips, screams, precision, recall, f1, false_alarm_rate, counts). */
    public static Map<String, Object> groupsJson(Map<String, Confusion> groups) {
        Map<String, Object> json = new LinkedHashMap<>();
        groups.forEach((source, c) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("clips", c.total());
            one.put("screams", c.positives());
            one.put("precision", finite(c.precision()));
            one.put("recall", finite(c.recall()));
            one.put("f1", finite(c.f1()));
            one.put("false_alarm_rate", finite(c.falseAlarmRate()));
            one.put("tp", c.tp());
            one.put("fp", c.fp());
            one.put("tn", c.tn());
            one.put("fn", c.fn());
            json.put(source, one);
        });
        return json;
    }

    /** The threshold curve as JSON rows. */
    public List<Map<String, Object>> curveJson() {
        return curve.stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threshold", p.threshold());
            row.put("precision", finite(p.precision()));
            row.put("recall", finite(p.recall()));
            row.put("false_alarm_rate", finite(p.falseAlarmRate()));
            row.put("f1", finite(p.f1()));
            row.put("tp", p.confusion().tp());
            row.put("fp", p.confusion().fp());
            row.put("tn", p.confusion().tn());
            row.put("fn", p.confusion().fn());
            return row;
        }).toList();
    }

    /** A double for JSON: NaN and infinities become null. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
