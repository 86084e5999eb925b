package io.screamguard.training.train;

import io.screamguard.training.evaluation.Confusion;
import io.screamguard.training.evaluation.Evaluation;
import io.screamguard.training.evaluation.ThresholdPoint;
import io.screamguard.training.streams.StreamFigures;
import java.util.Locale;
import java.util.Map;

/** The markdown of one cross-validation in report.md. */
final class ReportSections {

    private ReportSections() {
    }

    /** Headline, per source, per subtype, nested threshold, telephone band, streams, threshold curve. */
    static void cv(StringBuilder md, CvResult cv) {
        Evaluation e = cv.evaluation();
        Confusion c = e.confusion();
        md.append(String.format(Locale.ROOT, "At threshold %.2f: precision %s, recall %s, F1 %s, false-alarm rate %s, "
                        + "accuracy %s; ROC AUC %s, PR AUC %s (%d clips, %d screams). Confusion: TP %d, FP %d, TN %d, "
                        + "FN %d. This evaluation's own recommended threshold: %.2f.%n%n",
                e.threshold(), f(c.precision()), f(c.recall()), f(c.f1()), f(c.falseAlarmRate()), f(c.accuracy()),
                f(e.rocAuc()), f(e.prAuc()), e.clips(), e.screams(), c.tp(), c.fp(), c.tn(), c.fn(),
                e.recommendedThreshold()));
        if (cv.nested() != null) {
            Confusion n = cv.nested().confusion();
            md.append(String.format(Locale.ROOT, "**Nested threshold** (each outer fold judged at the threshold its own "
                            + "inner folds chose by the rule: %s): precision %s, recall %s, F1 %s, false-alarm rate %s. "
                            + "These are the figures to expect from the rule on new data.%n%n",
                    thresholds(cv), f(n.precision()), f(n.recall()), f(n.f1()), f(n.falseAlarmRate())));
        }
        if (cv.telephone() != null) {
            Confusion t = cv.telephone().confusion();
            md.append(String.format(Locale.ROOT, "**Telephone band** (every held-out clip resampled to 8 kHz and back, "
                            + "same models, same threshold): precision %s, recall %s (full band %s), F1 %s, "
                            + "false-alarm rate %s (full band %s), ROC AUC %s.%n%n",
                    f(t.precision()), f(t.recall()), f(c.recall()), f(t.f1()), f(t.falseAlarmRate()),
                    f(c.falseAlarmRate()), f(cv.telephone().rocAuc())));
        }
        if (cv.streamChosen() != null) {
            streams(md, cv);
        }
        md.append("By source:\n\n");
        groups(md, "source", e.bySource(), cv.nested() == null ? null : cv.nested().bySource());
        md.append("By subtype (the `subtype` column of each source's manifest; for a scream subtype the recall "
                + "matters, for any other the false-alarm rate):\n\n");
        groups(md, "subtype", e.bySubtype(), cv.nested() == null ? null : cv.nested().bySubtype());
        md.append("\n| threshold | precision | recall | F1 | false-alarm rate |\n|---|---|---|---|---|\n");
        for (ThresholdPoint p : e.curve()) {
            int step = (int) Math.round(p.threshold() * 100);
            if (step % 5 == 0 || step >= 90) {
                md.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s | %s |%n", p.threshold(), f(p.precision()),
                        f(p.recall()), f(p.f1()), f(p.falseAlarmRate())));
            }
        }
        md.append('\n');
    }

    private static String thresholds(CvResult cv) {
        StringBuilder s = new StringBuilder();
        for (double t : cv.foldThresholds()) {
            s.append(s.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", t));
        }
        return s.toString();
    }

    private static void streams(StringBuilder md, CvResult cv) {
        StreamFigures chosen = cv.streamChosen();
        md.append(String.format(Locale.ROOT, "**Streams** (the held-out clips of each fold back to back, screams "
                        + "inserted between them, run through the same analyzer and detector as `detect`; %.1f hours "
                        + "of non-scream audio, %d screams; found = an incident overlapping the scream that starts "
                        + "at most %.1f s after its onset, as `detect` reports it; the decision latency is when the "
                        + "incident opened, the end of the window that opened it). At the shipped debounce, %d of %d windows: "
                        + "%.2f false incidents per hour, %d of %d screams found (%s), median decision latency %s s."
                        + "%n%n",
                chosen.nonScreamHours(), chosen.screams(), chosen.maxLatencySeconds(), chosen.config().debounceK(),
                chosen.config().debounceN(), chosen.falsePerHour(), chosen.found(), chosen.screams(),
                f(chosen.foundRate()), f(chosen.medianDecisionSeconds())));
        md.append("Screams found at the shipped debounce, by source:");
        chosen.bySource().forEach((source, c) -> md.append(String.format(Locale.ROOT, " %s %d of %d;", source, c[0],
                c[1])));
        md.append("\n\n");
        md.append("| debounce k of n | false incidents | per hour | screams found | found rate | median start "
                + "latency (s) | median decision latency (s) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (StreamFigures s : cv.streamCandidates()) {
            md.append(String.format(Locale.ROOT, "| %d of %d | %d | %.2f | %d of %d | %s | %s | %s |%n",
                    s.config().debounceK(), s.config().debounceN(), s.falseIncidents(), s.falsePerHour(), s.found(),
                    s.screams(), f(s.foundRate()), f(s.medianLatencySeconds()), f(s.medianDecisionSeconds())));
        }
        md.append('\n');
    }

    private static void groups(StringBuilder md, String what, Map<String, Confusion> groups,
                               Map<String, Confusion> nested) {
        md.append("| ").append(what).append(" | clips | screams | recall | false-alarm rate | FP | FN |")
                .append(nested == null ? "" : " nested recall | nested false-alarm rate |").append('\n');
        md.append("|---|---|---|---|---|---|---|").append(nested == null ? "" : "---|---|").append('\n');
        groups.forEach((name, s) -> {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %d | %d |", name, s.total(), s.positives(),
                    f(s.recall()), f(s.falseAlarmRate()), s.fp(), s.fn()));
            if (nested != null && nested.containsKey(name)) {
                Confusion n = nested.get(name);
                md.append(String.format(Locale.ROOT, " %s | %s |", f(n.recall()), f(n.falseAlarmRate())));
            }
            md.append('\n');
        });
        md.append('\n');
    }

    static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }
}
