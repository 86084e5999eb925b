package io.screamguard.training.train;

import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.training.dataset.Clip;
import io.screamguard.training.dataset.Dataset;
import io.screamguard.training.dataset.DatasetException;
import io.screamguard.training.dataset.DatasetScanner;
import io.screamguard.training.evaluation.Evaluation;
import io.screamguard.training.evaluation.Evaluator;
import io.screamguard.training.evaluation.Folds;
import io.screamguard.training.evaluation.ThresholdRule;
import io.screamguard.training.report.ReportWriter;
import io.screamguard.training.streams.DebounceChoice;
import io.screamguard.training.streams.StreamFigures;
import io.screamguard.training.streams.StreamPlan;
import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.ClipLoader;
import io.screamguard.training.windows.ClipWindows;
import io.screamguard.training.windows.WindowExtraction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code screamguard-cli train}: trains the window classifier on labelled folders, judges it by
 * group-aware k-fold and leave-one-source-out cross-validation, and writes a model directory
 * (forest, model.json, report.md, plots).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the scream model on labelled folders and judge it honestly.",
                "Data layout: DIR/SOURCE/{scream,non_scream}/[group/]file or DIR/{scream,non_scream}/file."})
public final class TrainCommand implements Callable<Integer> {

    /** Exit code for unusable input (missing folder, one class, bad option value). */
    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Labelled data folders (one or more).")
    List<Path> data;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Where to write the model.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of everything random (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--trees", defaultValue = "150", description = "Trees in the forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--mtry", defaultValue = "20",
            description = "Features tried per split, 0 = sqrt of the features used (default ${DEFAULT-VALUE}).")
    int mtry;

    @Option(names = "--max-depth", defaultValue = "20", description = "Maximum tree depth (default ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--max-nodes", defaultValue = "1000", description = "Maximum leaves per tree (default ${DEFAULT-VALUE}).")
    int maxNodes;

    @Option(names = "--node-size", defaultValue = "3", description = "Minimum examples per leaf (default ${DEFAULT-VALUE}).")
    int nodeSize;

    @Option(names = "--smote-k", defaultValue = "5", description = "SMOTE neighbours (default ${DEFAULT-VALUE}).")
    int smoteK;

    @Option(names = "--smote-ratio", defaultValue = "1.0",
            description = "Scream/non-scream window ratio after SMOTE, in (0, 1] (default ${DEFAULT-VALUE}).")
    double smoteRatio;

    @Option(names = "--window-seconds", defaultValue = "1.0", description = "Window length (default ${DEFAULT-VALUE} s).")
    double windowSeconds;

    @Option(names = "--hop-seconds", defaultValue = "0.5",
            description = "Window hop, a whole number of STFT hops (default ${DEFAULT-VALUE} s).")
    double hopSeconds;

    @Option(names = "--quiet-rms", defaultValue = "0.003",
            description = "Loudness gate: windows with a lower RMS are not scored (default ${DEFAULT-VALUE}).")
    double quietRms;

    @Option(names = "--debounce-k", defaultValue = "1", description = "Live detector: hot windows needed (default ${DEFAULT-VALUE}).")
    int debounceK;

    @Option(names = "--debounce-n", defaultValue = "2", description = "Live detector: among this many (default ${DEFAULT-VALUE}).")
    int debounceN;

    @Option(names = "--loud-window-db", defaultValue = "10",
            description = "Scream examples: windows within this many dB of the clip's loudest (default ${DEFAULT-VALUE}).")
    double loudWindowDb;

    @Option(names = "--max-windows-per-clip", defaultValue = "4",
            description = "Training examples per clip at most (default ${DEFAULT-VALUE}).")
    int maxWindowsPerClip;

    @Option(names = "--max-windows-per-stratum", defaultValue = "400",
            description = "Training examples per stratum (source and subtype) at most, round-robin over its clips; "
                    + "0 = no cap (default ${DEFAULT-VALUE}).")
    int maxWindowsPerStratum;

    @Option(names = "--augment", defaultValue = "2",
            description = "Augmented variants per training scream clip, 0 = none (default ${DEFAULT-VALUE}).")
    int augmentCopies;

    @Option(names = "--augment-non-screams", defaultValue = "0.3",
            description = "Probability that a training non-scream clip gets one augmented variant (default ${DEFAULT-VALUE}).")
    double augmentNonScreams;

    @Option(names = "--augment-noise", defaultValue = "0.5",
            description = "Probability that a variant has noise added (default ${DEFAULT-VALUE}).")
    double augmentNoise;

    @Option(names = "--augment-telephone", defaultValue = "0.4",
            description = "Probability that a variant is cut to the telephone band, 8 kHz (default ${DEFAULT-VALUE}).")
    double augmentTelephone;

    @Option(names = "--augment-reverb", defaultValue = "0.3",
            description = "Probability that a variant gets room reverberation (default ${DEFAULT-VALUE}).")
    double augmentReverb;

    @Option(names = "--augment-gain-db", defaultValue = "-20,6", split = ",",
            description = "Gain range of augmentation in dB, MIN,MAX (default ${DEFAULT-VALUE}).")
    double[] augmentGainDb;

    @Option(names = "--augment-snr-db", defaultValue = "0,5,10,20", split = ",",
            description = "Noise SNRs of augmentation in dB (default ${DEFAULT-VALUE}).")
    double[] augmentSnrDb;

    @Option(names = "--folds", defaultValue = "5", description = "Group-aware stratified k-fold folds (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--max-false-alarm-rate", defaultValue = "0.01",
            description = "Default-threshold rule: highest recall with out-of-fold FAR at most this (default ${DEFAULT-VALUE}).")
    double maxFalseAlarmRate;

    @Option(names = "--max-subtype-false-alarm-rate", defaultValue = "0.03",
            description = "... and with every non-scream subtype's FAR at most this (default ${DEFAULT-VALUE}).")
    double maxSubtypeFalseAlarmRate;

    @Option(names = "--min-subtype-clips", defaultValue = "40",
            description = "Subtypes with fewer non-scream clips are not held to the subtype limit (default ${DEFAULT-VALUE}).")
    int minSubtypeClips;

    @Option(names = "--subtype-limit-exempt", defaultValue = "baby_cry,cry_baby,animal", split = ",",
            description = "Subtypes (by prefix) held to the overall false-alarm limit only, 'none' for none "
                    + "(default ${DEFAULT-VALUE}: infant cries and animal calls, screams of another kind).")
    List<String> subtypeLimitExempt;

    @Option(names = "--inner-folds", defaultValue = "3",
            description = "Nested threshold: inner folds per outer fold choose the threshold it is judged at; "
                    + "0 = off (default ${DEFAULT-VALUE}).")
    int innerFolds;

    @Option(names = "--inner-trees", defaultValue = "50",
            description = "Trees of the inner forests of the nested threshold (default ${DEFAULT-VALUE}).")
    int innerTrees;

    @Option(names = "--max-false-incidents-per-hour", defaultValue = "1.0",
            description = "Debounce rule: most screams found on out-of-fold streams with at most this many false "
                    + "incidents per hour (default ${DEFAULT-VALUE}).")
    double maxFalseIncidentsPerHour;

    @Option(names = "--no-streams", description = "Skip the stream figures (and keep --debounce-k/--debounce-n).")
    boolean noStreams;

    @Option(names = "--no-telephone", description = "Skip the telephone-band figures.")
    boolean noTelephone;

    @Option(names = "--no-loso", description = "Skip leave-one-source-out (quicker experiments; the threshold "
            + "then comes from the k-fold figures alone).")
    boolean noLoso;

    @Option(names = "--threshold-from", defaultValue = "kfold",
            description = "Which out-of-fold scores the threshold rule is applied to: kfold (speakers and recordings "
                    + "never straddle folds; the deployed model has seen every kind of sound) or loso (default "
                    + "${DEFAULT-VALUE}).")
    String thresholdFrom;

    @Option(names = "--hard-negatives", defaultValue = "0",
            description = "Hard-negative windows per non-scream clip added in a second forest, 0 = off (default ${DEFAULT-VALUE}).")
    int hardNegatives;

    @Option(names = "--exclude-features", defaultValue = "rms_mean,rms_std,chroma_,contrast", split = ",",
            description = "Summary-vector features the forest ignores, by name prefix; 'none' for none "
                    + "(default ${DEFAULT-VALUE}: the absolute level, which depends on the microphone, and the "
                    + "chroma and spectral-contrast groups, which did not generalise across sources).")
    List<String> excludeFeatures;

    @Option(names = "--no-cv", description = "Skip cross-validation (fast; the threshold is then 0.5 and no figures are reported).")
    boolean noCrossValidation;

    @Option(names = "--no-progress", description = "No progress bars.")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        try {
            TrainingSettings settings = settings();
            Result result = run(settings, !noProgress, err);
            outWriter.printf("model written to %s (%d clips, %.1f min audio, %d unreadable)%n", out,
                    result.clips(), result.audioSeconds() / 60, result.failures());
            outWriter.printf("threshold %.2f; %s%n", result.threshold(), result.summary());
            outWriter.printf("time %.1f s wall, %.1f s CPU%n", result.wallSeconds(), result.cpuSeconds());
            outWriter.flush();
            return 0;
        } catch (DatasetException | IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        } catch (java.io.IOException e) {
            err.println("train: cannot write the model to " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    TrainingSettings settings() {
        thresholdFromLoso();
        if (augmentGainDb.length != 2) {
            throw new IllegalArgumentException("--augment-gain-db needs MIN,MAX, got " + augmentGainDb.length + " values");
        }
        FeatureConfig featureConfig = FeatureConfig.analysis();
        WindowConfig window = new WindowConfig(windowSeconds, hopSeconds);
        window.windowSamples(featureConfig);
        window.hopSamples(featureConfig);
        return new TrainingSettings(featureConfig, window, new DetectorSettings(quietRms, debounceK, debounceN),
                loudWindowDb, maxWindowsPerClip, maxWindowsPerStratum, smoteK, smoteRatio,
                new ForestParams(trees, mtry, maxDepth, maxNodes, nodeSize, 1.0, seed),
                new Augmentation(augmentCopies, augmentNonScreams, augmentGainDb[0], augmentGainDb[1], augmentSnrDb,
                        augmentNoise, augmentTelephone, augmentReverb),
                folds, new ThresholdRule(maxFalseAlarmRate, maxSubtypeFalseAlarmRate, minSubtypeClips,
                        subtypeLimitExempt),
                hardNegatives, seed);
    }

    /**
     * The outcome of a training run, for the console.
     *
     * @param clips        clips used
     * @param audioSeconds audio seconds used
     * @param failures     unreadable files
     * @param threshold    the recommended threshold stored in the model
     * @param summary      one line of the headline figures
     * @param wallSeconds  elapsed time
     * @param cpuSeconds   process CPU time
     */
    record Result(int clips, double audioSeconds, int failures, double threshold, String summary,
                  double wallSeconds, double cpuSeconds) {
    }

    Result run(TrainingSettings settings, boolean showProgress, PrintWriter err)
            throws DatasetException, java.io.IOException {
        long started = System.nanoTime();
        double cpuStarted = Runtime.processCpuSeconds();
        FeatureSchema schema = FeatureSchema.current();
        List<String> modelFeatures = modelFeatures(schema.names(), excludeFeatures);
        settings.forest().mtryFor(modelFeatures.size());
        Dataset dataset = DatasetScanner.scan(data);
        requireBothClasses(dataset.clips(), data.toString());
        if (smoteK < 1) {
            throw new IllegalArgumentException("--smote-k must be >= 1, got " + smoteK);
        }

        ClipLoader.Loaded loaded = ClipLoader.load(dataset.clips(), settings.featureConfig().sampleRate(), showProgress);
        for (String failure : loaded.failures()) {
            err.println("warning: skipped unreadable file " + failure);
        }
        if (!loaded.failures().isEmpty()) {
            err.println("warning: " + loaded.failures().size() + " of " + dataset.clips().size()
                    + " files could not be decoded and were skipped");
        }
        err.flush();
        List<ClipAudio> audio = loaded.clips();
        List<Clip> clips = audio.stream().map(ClipAudio::clip).toList();
        requireBothClasses(clips, "the readable files of " + data);
        WindowExtraction extraction = new WindowExtraction(settings.featureConfig(), settings.window());
        List<ClipWindows> windows = extraction.windows(audio, showProgress);

        String created = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
        String version = "screamguard-rf-" + DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + "-seed" + settings.seed();
        ModelMetadata metadata = new ModelMetadata(version, schema.version(), schema.names(), modelFeatures,
                settings.featureConfig(),
                settings.window(), settings.detector(), 0.5, settings.seed(), settings.forest(), Map.of());
        ModelTrainer trainer = new ModelTrainer(settings, extraction);
        List<Augmenter.Variant> variants = trainer.variants(audio, settings.seed());

        CvResult kfold = null;
        CvResult loso = null;
        double threshold = 0.5;
        if (!noCrossValidation) {
            FoldPlan plan = new FoldPlan(noStreams ? null : StreamPlan.standard(settings.seed()),
                    innerFolds, innerTrees, settings.thresholdRule());
            List<ClipWindows> telephone = noTelephone ? null : CrossValidation.telephoneWindows(audio, extraction);
            Folds.Split kSplit = Folds.groupStratifiedKFold(clips, settings.folds(), settings.seed());
            CrossValidation.OutOfFold kOut = CrossValidation.run(kSplit, audio, windows, telephone, variants, trainer,
                    metadata, settings.seed(), plan, settings.folds() + "-fold", showProgress);
            CrossValidation.OutOfFold sOut = null;
            if (!noLoso && dataset.sources().size() >= 2 && sourcesWithScreams(clips) >= 2) {
                sOut = CrossValidation.run(Folds.leaveOneSourceOut(clips), audio, windows, telephone, variants,
                        trainer, metadata, settings.seed() + 1000, plan, "leave-one-source-out", showProgress);
            }
            CrossValidation.OutOfFold chooser = thresholdFromLoso() && sOut != null ? sOut : kOut;
            threshold = settings.thresholdRule().choose(clips, chooser.scores());
            kfold = judge(settings.folds() + "-fold", clips, kOut, threshold, settings, extraction);
            if (sOut != null) {
                loso = judge("leave-one-source-out", clips, sOut, threshold, settings, extraction);
            }
            CvResult chosen = thresholdFromLoso() && loso != null ? loso : kfold;
            if (chosen.streamChosen() != null) {
                DetectorSettings d = settings.detector();
                int k = chosen.streamChosen().config().debounceK();
                int n = chosen.streamChosen().config().debounceN();
                metadata = metadata.withDetector(new DetectorSettings(d.quietRms(), k, n));
                // the other evaluation reports its streams at the debounce the model ships with
                kfold = kfold.atDebounce(k, n);
                loso = loso == null ? null : loso.atDebounce(k, n);
            }
            metadata = metadata.withEvaluation(threshold, Map.of());
        }

        ModelTrainer.Trained finalModel = trainer.train(windows, variants, metadata, settings.seed());
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = Runtime.processCpuSeconds() - cpuStarted;

        TrainingReport report = new TrainingReport(settings, modelFeatures, dataset, clips, loaded.audioSeconds(),
                loaded.failures(), windows.stream().mapToInt(ClipWindows::size).sum(), kfold, loso,
                kfold == null ? "none" : thresholdFromLoso() && loso != null ? loso.name() : kfold.name(), threshold,
                metadata.detector(),
                schema.names(), finalModel.model().featureImportance(), finalModel.set(), wall, cpu,
                created, commandLine());
        ScreamModel model = finalModel.model().withMetadata(metadata.withEvaluation(threshold, report.toJson()));
        model.save(out);
        ReportWriter.write(out, report.toMarkdown(), report.plots());
        return new Result(clips.size(), loaded.audioSeconds(), loaded.failures().size(), threshold,
                report.headline(), wall, cpu);
    }

    private boolean thresholdFromLoso() {
        return switch (thresholdFrom) {
            case "loso" -> true;
            case "kfold" -> false;
            default -> throw new IllegalArgumentException("--threshold-from must be kfold or loso, got " + thresholdFrom);
        };
    }

    /** Judges out-of-fold figures at the shipped threshold and chooses the debounce on the streams. */
    private CvResult judge(String name, List<Clip> clips, CrossValidation.OutOfFold out, double threshold,
                           TrainingSettings settings, WindowExtraction extraction) {
        ThresholdRule rule = settings.thresholdRule();
        Evaluation evaluation = Evaluator.evaluate(clips, out.scores(), threshold, rule);
        Evaluation telephone = out.telephoneScores() == null ? null
                : Evaluator.evaluate(clips, out.telephoneScores(), threshold, rule);
        Evaluator.Judged nested = out.nestedThresholds() == null ? null
                : Evaluator.judge(clips, out.scores(), out.nestedThresholds());
        List<StreamFigures> candidates = List.of();
        StreamFigures chosen = null;
        if (!out.streams().isEmpty()) {
            DetectorConfig base = new DetectorConfig(threshold, 1, 1, settings.detector().quietRms());
            candidates = DebounceChoice.tryAll(out.streams(), base, extraction.sampleRate(), extraction.windowSamples(),
                    StreamPlan.standard(0).maxLatencySeconds());
            chosen = DebounceChoice.choose(candidates, maxFalseIncidentsPerHour);
        }
        return new CvResult(name, evaluation, out.scores(), telephone, out.telephoneScores(), nested,
                out.foldThresholds(), candidates, chosen);
    }

    /** The schema names that match none of the excluded prefixes ("none" excludes nothing). */
    static List<String> modelFeatures(List<String> names, List<String> excludedPrefixes) {
        List<String> prefixes = excludedPrefixes == null ? List.of()
                : excludedPrefixes.stream().map(String::trim).filter(p -> !p.isEmpty() && !p.equals("none")).toList();
        List<String> kept = names.stream().filter(n -> prefixes.stream().noneMatch(n::startsWith)).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("--exclude-features " + prefixes + " leaves no feature to train on");
        }
        return kept;
    }

    private static int sourcesWithScreams(List<Clip> clips) {
        return (int) clips.stream().filter(Clip::isScream).map(Clip::source).distinct().count();
    }

    private static void requireBothClasses(List<Clip> clips, String where) throws DatasetException {
        long screams = clips.stream().filter(Clip::isScream).count();
        long others = clips.size() - screams;
        if (screams == 0 || others == 0) {
            throw new DatasetException(where + " holds only " + (screams == 0 ? "non-scream" : "scream") + " clips ("
                    + clips.size() + "): training needs both scream/ and non_scream/ recordings");
        }
    }

    private String commandLine() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("train")) {
            args.remove(0);
        }
        return "screamguard-cli train " + String.join(" ", args);
    }

    /** For reports: the settings as a JSON-able map. */
    static Map<String, Object> settingsJson(TrainingSettings s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("loudWindowDb", s.loudWindowDb());
        json.put("maxWindowsPerClip", s.maxWindowsPerClip());
        Map<String, Object> smote = new LinkedHashMap<>();
        smote.put("k", s.smoteK());
        smote.put("ratio", s.smoteRatio());
        smote.put("appliedTo", "scream windows of training folds only");
        json.put("smote", smote);
        Map<String, Object> aug = new LinkedHashMap<>();
        aug.put("screamCopies", s.augmentation().screamCopies());
        aug.put("nonScreamShare", s.augmentation().nonScreamShare());
        aug.put("gainDb", List.of(s.augmentation().minGainDb(), s.augmentation().maxGainDb()));
        aug.put("snrDb", s.augmentation().snrDb());
        aug.put("noiseShare", s.augmentation().noiseShare());
        aug.put("telephoneShare", s.augmentation().telephoneShare());
        aug.put("reverbShare", s.augmentation().reverbShare());
        aug.put("timeShift", "uniform below one hop");
        aug.put("appliedTo", "clips of training folds only (both classes); noise from the same fold's non-screams");
        json.put("augmentation", aug);
        json.put("folds", s.folds());
        json.put("maxFalseAlarmRate", s.thresholdRule().maxFalseAlarmRate());
        json.put("maxSubtypeFalseAlarmRate", s.thresholdRule().maxSubtypeFalseAlarmRate());
        json.put("minSubtypeClips", s.thresholdRule().minSubtypeClips());
        json.put("subtypeLimitExempt", s.thresholdRule().exemptSubtypes());
        json.put("maxWindowsPerStratum", s.maxWindowsPerStratum());
        json.put("hardNegativesPerClip", s.hardNegativesPerClip());
        return json;
    }
}
