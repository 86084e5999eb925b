package io.screamguard.training.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.core.detection.ClipAnalyzer;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.model.ModelLoadException;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.training.dataset.Clip;
import io.screamguard.training.dataset.Dataset;
import io.screamguard.training.dataset.DatasetException;
import io.screamguard.training.dataset.DatasetScanner;
import io.screamguard.training.evaluation.ClipScorer;
import io.screamguard.training.evaluation.Confusion;
import io.screamguard.training.evaluation.Evaluation;
import io.screamguard.training.evaluation.Evaluator;
import io.screamguard.training.evaluation.ThresholdRule;
import io.screamguard.training.streams.DebounceChoice;
import io.screamguard.training.streams.StreamFigures;
import io.screamguard.training.streams.StreamPlan;
import io.screamguard.training.streams.StreamTimeline;
import io.screamguard.training.streams.SyntheticStream;
import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.ClipLoader;
import io.screamguard.training.windows.ClipWindows;
import io.screamguard.training.windows.WindowExtraction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code screamguard-cli evaluate}: scores a labelled folder with a saved model, pooling window
 * probabilities into clip scores exactly as training's cross-validation and the live detector do.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a labelled folder with a model: clip-level precision, recall, F1, false alarms, AUCs.",
                "Data layout: DIR/{scream,non_scream}/file or DIR/SOURCE/{scream,non_scream}/[group/]file."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A model directory.")
    Path model;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR", description = "Labelled folders.")
    List<Path> data;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Decision threshold in [0, 1] (default: the model's recommended threshold).")
    Double threshold;

    @Option(names = "--json", description = "Print one JSON object on stdout: clips, screams, threshold, accuracy, "
            + "precision, recall, f1, false_alarm_rate, tp, fp, tn, fn, roc_auc, pr_auc, by_source, by_subtype "
            + "(and streams with --streams).")
    boolean json;

    @Option(names = "--streams", description = "Also lay the clips out as long streams (non-screams back to back, "
            + "screams inserted between them) and report false incidents per hour and screams found within 1.5 s, "
            + "through the same analyzer and detector as detect, for the model's debounce and every candidate.")
    boolean streams;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the stream layout (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-progress", description = "No progress bars.")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("--threshold must be in [0, 1], got " + threshold);
            }
            ScreamModel loaded = ScreamModel.load(model);
            Result result = evaluate(loaded, data, threshold == null ? Double.NaN : threshold, streams, seed,
                    !noProgress && !json, err);
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>(result.evaluation().summaryJson());
                if (result.streams() != null) {
                    body.put("streams", result.streams().toJson());
                    body.put("stream_candidates", result.streamCandidates().stream().map(StreamFigures::toJson).toList());
                }
                out.println(new ObjectMapper().writeValueAsString(body));
            } else {
                out.println(text(result.evaluation()));
                if (result.streams() != null) {
                    out.println(streamText(result));
                }
            }
            out.flush();
            return 0;
        } catch (ModelLoadException e) {
            err.println("evaluate: " + e.getMessage());
            err.flush();
            return TrainCommand.EXIT_BAD_INPUT;
        } catch (DatasetException | IllegalArgumentException e) {
            err.println("evaluate: " + e.getMessage());
            err.flush();
            return TrainCommand.EXIT_BAD_INPUT;
        } catch (java.io.IOException e) {
            err.println("evaluate: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /**
     * What {@code evaluate} found.
     *
     * @param evaluation       clip figures
     * @param streams          stream figures at the model's debounce (null without --streams)
     * @param streamCandidates stream figures of every debounce candidate (empty without --streams)
     */
    public record Result(Evaluation evaluation, StreamFigures streams, List<StreamFigures> streamCandidates) {
    }

    /**
     * Scores labelled folders with a model.
     *
     * @param model        the model
     * @param folders      labelled folders
     * @param threshold    threshold in [0, 1], or NaN for the model's recommended one
     * @param withStreams  also the stream figures
     * @param seed         seed of the stream layout
     * @param showProgress progress bars on stderr
     * @param err          where warnings go
     * @return the figures
     * @throws DatasetException when the folders are unusable or nothing is readable
     */
    public static Result evaluate(ScreamModel model, List<Path> folders, double threshold, boolean withStreams,
                                  long seed, boolean showProgress, PrintWriter err) throws DatasetException {
        ModelMetadata meta = model.metadata();
        Dataset dataset = DatasetScanner.scan(folders);
        ClipLoader.Loaded loaded = ClipLoader.load(dataset.clips(), meta.featureConfig().sampleRate(), showProgress);
        for (String failure : loaded.failures()) {
            err.println("warning: skipped unreadable file " + failure);
        }
        err.flush();
        if (loaded.clips().isEmpty()) {
            throw new DatasetException("none of the " + dataset.clips().size() + " files under " + folders
                    + " could be decoded: nothing to evaluate");
        }
        WindowExtraction extraction = new WindowExtraction(meta.featureConfig(), meta.window());
        List<ClipWindows> windows = extraction.windows(loaded.clips(), showProgress);
        double[] scores = ClipScorer.clipScores(model, windows, meta.detector().quietRms());
        List<Clip> clips = loaded.clips().stream().map(ClipAudio::clip).toList();
        double used = Double.isNaN(threshold) ? meta.recommendedThreshold() : threshold;
        Evaluation evaluation = Evaluator.evaluate(clips, scores, used, rule(meta));
        if (!withStreams) {
            return new Result(evaluation, null, List.of());
        }
        DetectorConfig config = DetectorConfig.fromModel(meta).withThreshold(used);
        StreamPlan plan = StreamPlan.standard(seed);
        List<StreamTimeline> timelines = SyntheticStream.build(loaded.clips(), plan).stream()
                .map(stream -> StreamTimeline.of(new ClipAnalyzer(model, config), stream)).toList();
        int rate = meta.featureConfig().sampleRate();
        int windowSamples = meta.window().windowSamples(meta.featureConfig());
        StreamFigures atModel = StreamFigures.replay(timelines, config, rate, windowSamples, plan.maxLatencySeconds());
        return new Result(evaluation, atModel,
                DebounceChoice.tryAll(timelines, config, rate, windowSamples, plan.maxLatencySeconds()));
    }

    /** The model's own threshold rule, from its model.json (older models: the overall limit only). */
    static ThresholdRule rule(ModelMetadata meta) {
        Object settings = meta.training().get("settings");
        if (settings instanceof Map<?, ?> map && map.get("maxFalseAlarmRate") instanceof Number overall) {
            if (map.get("maxSubtypeFalseAlarmRate") instanceof Number subtype
                    && map.get("minSubtypeClips") instanceof Number min) {
                List<String> exempt = map.get("subtypeLimitExempt") instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList() : List.of();
                return new ThresholdRule(overall.doubleValue(), subtype.doubleValue(), min.intValue(), exempt);
            }
            return ThresholdRule.overallOnly(overall.doubleValue());
        }
        return ThresholdRule.overallOnly(0.02);
    }

    private static String streamText(Result r) {
        StringBuilder s = new StringBuilder();
        StreamFigures m = r.streams();
        s.append(String.format(Locale.ROOT, "streams: %.2f h of non-scream audio, %d screams; at %d of %d: "
                        + "%d false incidents (%.2f per hour), %d screams found within %.1f s, median incident start "
                        + "%s s and decision %s s after the onset%n",
                m.nonScreamHours(), m.screams(), m.config().debounceK(), m.config().debounceN(), m.falseIncidents(),
                m.falsePerHour(), m.found(), m.maxLatencySeconds(), f(m.medianLatencySeconds()),
                f(m.medianDecisionSeconds())));
        for (StreamFigures c : r.streamCandidates()) {
            s.append(String.format(Locale.ROOT, "  debounce %d of %d: %.2f false per hour, %d of %d found%n",
                    c.config().debounceK(), c.config().debounceN(), c.falsePerHour(), c.found(), c.screams()));
        }
        return s.toString().stripTrailing();
    }

    private static String text(Evaluation e) {
        Confusion c = e.confusion();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d clips (%d screams) at threshold %.2f%n", e.clips(), e.screams(),
                e.threshold()));
        s.append(String.format(Locale.ROOT, "precision %s  recall %s  F1 %s  false-alarm rate %s  accuracy %s%n",
                f(c.precision()), f(c.recall()), f(c.f1()), f(c.falseAlarmRate()), f(c.accuracy())));
        s.append(String.format(Locale.ROOT, "ROC AUC %s  PR AUC %s%n", f(e.rocAuc()), f(e.prAuc())));
        s.append(String.format(Locale.ROOT, "TP %d  FP %d  TN %d  FN %d%n", c.tp(), c.fp(), c.tn(), c.fn()));
        e.bySource().forEach((source, sc) -> s.append(String.format(Locale.ROOT,
                "  %s: %d clips, %d screams, recall %s, false-alarm rate %s%n", source, sc.total(), sc.positives(),
                f(sc.recall()), f(sc.falseAlarmRate()))));
        s.append("by subtype:").append(System.lineSeparator());
        e.bySubtype().forEach((subtype, sc) -> s.append(String.format(Locale.ROOT,
                "  %s: %d clips, %d screams, recall %s, false-alarm rate %s%n", subtype, sc.total(), sc.positives(),
                f(sc.recall()), f(sc.falseAlarmRate()))));
        s.append("(figures count clips; a clip's score is its highest window probability over loud windows)");
        return s.toString();
    }

    private static String f(double v) {
        return ReportSections.f(v);
    }
}
