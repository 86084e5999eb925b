package io.screamguard.training.train;

import io.screamguard.core.model.DetectorSettings;
import io.screamguard.training.dataset.Clip;
import io.screamguard.training.dataset.Dataset;
import io.screamguard.training.evaluation.Confusion;
import io.screamguard.training.evaluation.Evaluation;
import io.screamguard.training.report.Plots;
import io.screamguard.training.report.ReportWriter;
import io.screamguard.training.streams.StreamFigures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Everything a training run found out, rendered as the {@code training} section of model.json
 * and as report.md with its plots.
 */
record TrainingReport(TrainingSettings settings, List<String> modelFeatures, Dataset dataset, List<Clip> clips,
                      double audioSeconds, List<String> failures, int windows, CvResult kfold, CvResult loso,
                      String thresholdSource, double threshold, DetectorSettings detector, List<String> featureNames,
                      double[] importance, TrainingSet finalSet, double wallSeconds, double cpuSeconds,
                      String createdAt, String commandLine) {

    /** The figure line printed at the end of training. */
    String headline() {
        StringBuilder s = new StringBuilder();
        for (CvResult cv : results()) {
            s.append(s.length() > 0 ? "; " : "").append(cv.name()).append(' ').append(figures(cv.evaluation().confusion()));
            if (cv.nested() != null) {
                s.append(" (nested threshold: ").append(figures(cv.nested().confusion())).append(')');
            }
            if (cv.streamChosen() != null) {
                s.append(String.format(Locale.ROOT, ", streams %.2f false/h, %d of %d screams found",
                        cv.streamChosen().falsePerHour(), cv.streamChosen().found(), cv.streamChosen().screams()));
            }
        }
        return s.length() == 0 ? "no cross-validation" : s.toString();
    }

    private List<CvResult> results() {
        List<CvResult> all = new ArrayList<>();
        if (kfold != null) {
            all.add(kfold);
        }
        if (loso != null) {
            all.add(loso);
        }
        return all;
    }

    private static String figures(Confusion c) {
        return String.format(Locale.ROOT, "P %.3f R %.3f F1 %.3f FAR %.3f", c.precision(), c.recall(), c.f1(),
                c.falseAlarmRate());
    }

    /** The {@code training} section of model.json. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("createdAt", createdAt);
        json.put("command", commandLine);
        json.put("libraries", Runtime.libraryVersions());
        json.put("settings", TrainCommand.settingsJson(settings));
        json.put("ignoredFeatures", featureNames.stream().filter(n -> !modelFeatures.contains(n)).toList());
        json.put("whatTheModelSees", whatTheModelSees());
        json.put("data", dataJson());
        Map<String, Object> examples = new LinkedHashMap<>();
        examples.put("realScreamWindows", finalSet.realScreams());
        examples.put("augmentedScreamWindows", finalSet.augmented());
        examples.put("smoteScreamWindows", finalSet.synthetic());
        examples.put("nonScreamWindows", finalSet.nonScreams());
        examples.put("augmentedNonScreamWindows", finalSet.augmentedNonScreams());
        examples.put("smoteKUsed", finalSet.smoteKUsed());
        json.put("finalTrainingExamples", examples);
        json.put("thresholdRule", thresholdRule());
        json.put("thresholdChosenFrom", thresholdSource);
        json.put("detector", detector);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("counts", "clips: a clip is one decision, score = max window probability over loud windows");
        if (kfold != null) {
            metrics.put("groupKFold", cvJson(kfold));
        }
        if (loso != null) {
            metrics.put("leaveOneSourceOut", cvJson(loso));
        }
        json.put("metrics", metrics);
        Map<String, Object> importanceJson = new LinkedHashMap<>();
        for (int i : importanceOrder()) {
            importanceJson.put(featureNames.get(i), importance[i]);
        }
        json.put("featureImportance", importanceJson);
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("wallSeconds", wallSeconds);
        timing.put("cpuSeconds", cpuSeconds);
        timing.put("cores", java.lang.Runtime.getRuntime().availableProcessors());
        json.put("timing", timing);
        return json;
    }

    private Map<String, Object> cvJson(CvResult cv) {
        Map<String, Object> json = new LinkedHashMap<>(cv.evaluation().summaryJson());
        json.put("recommendedThresholdOfThisEvaluation", cv.evaluation().recommendedThreshold());
        json.put("thresholdCurve", cv.evaluation().curveJson());
        if (cv.nested() != null) {
            Map<String, Object> nested = new LinkedHashMap<>(Evaluation.confusionJson(cv.nested().confusion()));
            nested.put("foldThresholds", cv.foldThresholds());
            nested.put("by_source", Evaluation.groupsJson(cv.nested().bySource()));
            nested.put("by_subtype", Evaluation.groupsJson(cv.nested().bySubtype()));
            json.put("nestedThreshold", nested);
        }
        if (cv.telephone() != null) {
            Map<String, Object> tel = new LinkedHashMap<>(cv.telephone().summaryJson());
            tel.remove("by_source");
            tel.remove("by_subtype");
            json.put("telephoneBand", tel);
        }
        if (cv.streamChosen() != null) {
            Map<String, Object> streams = new LinkedHashMap<>();
            streams.put("chosen", cv.streamChosen().toJson());
            streams.put("candidates", cv.streamCandidates().stream().map(StreamFigures::toJson).toList());
            json.put("streams", streams);
        }
        return json;
    }

    private Map<String, Object> dataJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Long> groups = new TreeMap<>();
        for (int i = 0; i < clips.size(); i++) {
            Clip clip = clips.get(i);
            counts.computeIfAbsent(clip.source(), s -> new int[2])[clip.isScream() ? 0 : 1]++;
        }
        clips.stream().map(Clip::source).distinct().forEach(source -> groups.put(source,
                clips.stream().filter(c -> c.source().equals(source)).map(Clip::group).distinct().count()));
        for (String source : counts.keySet()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("screamClips", counts.get(source)[0]);
            one.put("nonScreamClips", counts.get(source)[1]);
            one.put("groups", groups.get(source));
            one.put("licences", dataset.licences().getOrDefault(source, Map.of()));
            json.put(source, one);
        }
        json.put("audioSeconds", audioSeconds);
        json.put("windows", windows);
        json.put("unreadableFiles", failures.size());
        return json;
    }

    private String whatTheModelSees() {
        return String.format(Locale.ROOT, "windows of %.2f s every %.2f s at %d Hz (band up to %.0f Hz); windows with "
                        + "RMS below %.4f are not scored; scream examples are the windows of a scream clip within %.0f dB "
                        + "of its loudest window; at most %d windows per clip; a clip's score is its highest window "
                        + "probability and it is called a scream when that reaches the threshold; at most %d "
                        + "examples per stratum (source and subtype)",
                settings.window().windowSeconds(), settings.window().hopSeconds(), settings.featureConfig().sampleRate(),
                settings.featureConfig().fMaxHz(), settings.detector().quietRms(), settings.loudWindowDb(),
                settings.maxWindowsPerClip(), settings.maxWindowsPerStratum());
    }

    private String thresholdRule() {
        return settings.thresholdRule() + " (applied to the " + thresholdSource + " scores)";
    }

    private String ignoredFeatures() {
        List<String> ignored = featureNames.stream().filter(n -> !modelFeatures.contains(n)).toList();
        return ignored.isEmpty() ? "none" : String.join(", ", ignored);
    }

    private int[] importanceOrder() {
        return IntStream.range(0, importance.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> importance[i]).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    /** report.md. */
    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ScreamGuard model report\n\n");
        md.append("Created ").append(createdAt).append(" by `").append(commandLine).append("`.\n\n");
        md.append("## What the model sees\n\n").append(whatTheModelSees()).append(".\n\n");
        md.append("Every figure below counts **clips** (one recording = one decision), never windows.\n\n");
        md.append("## Data\n\n| source | scream clips | non-scream clips | groups | licences |\n|---|---|---|---|---|\n");
        Map<String, Object> data = dataJson();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> one) {
                md.append("| ").append(e.getKey()).append(" | ").append(one.get("screamClips")).append(" | ")
                        .append(one.get("nonScreamClips")).append(" | ").append(one.get("groups")).append(" | ")
                        .append(licenceText(one.get("licences"))).append(" |\n");
            }
        }
        md.append(String.format(Locale.ROOT, "%nAudio: %.1f min, %d windows; %d unreadable files skipped.%n%n",
                audioSeconds / 60, windows, failures.size()));
        md.append("## Settings\n\n");
        md.append("- features: ").append(settings.featureConfig().describe()).append(", schema ")
                .append(featureNames.size()).append(" values per window, of which the forest uses ")
                .append(modelFeatures.size()).append(" (ignored: ").append(ignoredFeatures()).append(")\n");
        md.append("- forest: ").append(settings.forest()).append("\n");
        md.append("- SMOTE: k ").append(settings.smoteK()).append(", ratio ").append(settings.smoteRatio())
                .append(" (training folds only)\n");
        md.append("- augmentation: ").append(settings.augmentation()).append(" (training folds only)\n");
        md.append("- detector: quiet below RMS ").append(detector.quietRms()).append(", debounce ")
                .append(detector.debounceK()).append(" of ").append(detector.debounceN()).append(" windows")
                .append(settings.detector().equals(detector) ? "" : " (chosen on the stream figures)").append("\n");
        md.append("- final training examples: ").append(finalSet.realScreams()).append(" scream windows, ")
                .append(finalSet.augmented()).append(" augmented, ").append(finalSet.synthetic()).append(" SMOTE, ")
                .append(finalSet.nonScreams()).append(" non-scream windows (").append(finalSet.augmentedNonScreams())
                .append(" of them augmented)\n\n");
        md.append("## Default threshold: ").append(String.format(Locale.ROOT, "%.2f", threshold)).append("\n\n");
        md.append("Rule: ").append(thresholdRule()).append(".\n\n");
        if (kfold != null) {
            md.append("## Within-source: group-aware stratified ").append(settings.folds()).append("-fold\n\n");
            md.append("Groups (game package, speaker, or original recording) never straddle folds; sources are "
                    + "mixed.\n\n");
            ReportSections.cv(md, kfold);
        }
        if (loso != null) {
            md.append("## Leave-one-source-out\n\n");
            md.append("Each source is scored by a model trained on the other sources only. A source without "
                    + "screams measures false alarms only.\n\n");
            ReportSections.cv(md, loso);
        }
        md.append("Every clip's out-of-fold scores: `out_of_fold_scores.csv`.\n\n");
        md.append("## Plots\n\n![ROC](roc.png) ![PR](pr.png) ![threshold curve](threshold.png) "
                + "![confusion](confusion.png)\n\n");
        md.append("## Feature importance (Gini, top 25)\n\n| feature | importance |\n|---|---|\n");
        int[] order = importanceOrder();
        for (int k = 0; k < Math.min(25, order.length); k++) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", featureNames.get(order[k]), importance[order[k]]));
        }
        md.append(String.format(Locale.ROOT, "%n## Time%n%nWall %.1f s, CPU %.1f s on %d cores.%n", wallSeconds,
                cpuSeconds, java.lang.Runtime.getRuntime().availableProcessors()));
        if (!failures.isEmpty()) {
            md.append("\n## Unreadable files\n\n");
            failures.stream().limit(50).forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private static String licenceText(Object licences) {
        if (licences instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(k + " (" + v + ")"));
            return String.join("; ", parts).replace("|", "/");
        }
        return "";
    }

    /**
     * Every clip's out-of-fold scores as CSV (path relative to its source, source, group, label,
     * k-fold score, leave-one-source-out score), so each figure can be audited clip by clip.
     */
    String outOfFoldCsv() {
        StringBuilder csv = new StringBuilder("file,source,group,subtype,label,kfold_score,loso_score\n");
        for (int i = 0; i < clips.size(); i++) {
            Clip clip = clips.get(i);
            String file = clip.path().getFileName().toString();
            Path parent = clip.path().getParent();
            if (parent != null && parent.getParent() != null) {
                file = parent.getParent().relativize(clip.path()).toString();
                if (parent.getFileName().toString().equals(clip.group()) && parent.getParent().getParent() != null) {
                    file = parent.getParent().getParent().relativize(clip.path()).toString();
                }
            }
            csv.append(quote(file)).append(',').append(quote(clip.source())).append(',').append(quote(clip.group()))
                    .append(',').append(quote(clip.subtype())).append(',').append(clip.label()).append(',')
                    .append(kfold == null ? "" : String.format(Locale.ROOT, "%.4f", kfold.scores()[i])).append(',')
                    .append(loso == null ? "" : String.format(Locale.ROOT, "%.4f", loso.scores()[i])).append('\n');
        }
        return csv.toString();
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    /** Draws roc.png, pr.png, threshold.png and confusion.png. */
    ReportWriter.Plotter plots() {
        return dir -> {
            java.nio.file.Files.writeString(dir.resolve("out_of_fold_scores.csv"), outOfFoldCsv());
            int[] labels = clips.stream().mapToInt(Clip::label).toArray();
            List<Plots.Scored> scored = new ArrayList<>();
            for (CvResult cv : results()) {
                scored.add(new Plots.Scored(cv.name(), cv.scores(), labels));
            }
            if (scored.isEmpty()) {
                return;
            }
            Plots.roc(dir.resolve("roc.png"), scored);
            Plots.pr(dir.resolve("pr.png"), scored);
            // the curve the threshold was chosen on
            Evaluation chosen = results().stream().filter(cv -> cv.name().equals(thresholdSource))
                    .map(CvResult::evaluation).findFirst().orElse(null);
            if (chosen != null) {
                Plots.thresholdCurve(dir.resolve("threshold.png"), thresholdSource, chosen.curve(), threshold);
                Plots.confusion(dir.resolve("confusion.png"), thresholdSource, chosen.confusion());
            }
        };
    }
}
