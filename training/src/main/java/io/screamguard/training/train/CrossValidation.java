package io.screamguard.training.train;

import io.screamguard.core.detection.ClipAnalyzer;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.training.dataset.Clip;
import io.screamguard.training.evaluation.ClipScorer;
import io.screamguard.training.evaluation.Folds;
import io.screamguard.training.streams.StreamPlan;
import io.screamguard.training.streams.StreamTimeline;
import io.screamguard.training.streams.SyntheticStream;
import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.ClipWindows;
import io.screamguard.training.windows.Progress;
import io.screamguard.training.windows.WindowExtraction;
import java.util.ArrayList;
import java.util.List;

/**
 * Out-of-fold figures: for every fold, a model trained (with selection, augmentation and SMOTE) on
 * the other folds only scores the held-out clips, and, as the {@link FoldPlan} asks, their
 * telephone-band versions and synthetic streams of them; with nested folds, the threshold the
 * outer fold is judged at is chosen by inner folds of its training clips alone. Nothing of a
 * held-out clip, not even as augmentation noise, reaches its fold's training or threshold.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * Everything measured out of fold.
     *
     * @param scores           a clip score per clip
     * @param telephoneScores  a clip score per clip of its telephone-band version (null when not asked)
     * @param nestedThresholds per clip, the threshold its outer fold's inner folds chose (null when not asked)
     * @param foldThresholds   per fold, that threshold (empty when not asked)
     * @param streams          the synthetic streams of every fold (empty when not asked)
     */
    public record OutOfFold(double[] scores, double[] telephoneScores, double[] nestedThresholds,
                            List<Double> foldThresholds, List<StreamTimeline> streams) {
    }

    /**
     * Runs the cross-validation.
     *
     * @param split        the split
     * @param audio        the clips' audio (for the streams)
     * @param windows      the clips' windows (same order)
     * @param telephone    the windows of the clips' telephone-band versions (same order), or null
     * @param variants     augmented variants of the clips, made once ({@link ModelTrainer#variants})
     * @param trainer      the trainer
     * @param metadata     metadata for the fold models (not saved)
     * @param seed         seed; fold f trains with {@code seed + f + 1}
     * @param plan         what to measure
     * @param label        progress-bar label
     * @param showProgress whether to draw a progress bar
     * @return the out-of-fold figures
     */
    public static OutOfFold run(Folds.Split split, List<ClipAudio> audio, List<ClipWindows> windows,
                                List<ClipWindows> telephone, List<Augmenter.Variant> variants, ModelTrainer trainer,
                                ModelMetadata metadata, long seed, FoldPlan plan, String label, boolean showProgress) {
        int n = windows.size();
        double[] scores = new double[n];
        double[] telephoneScores = telephone != null ? new double[n] : null;
        double[] nested = plan.innerFolds() > 0 ? new double[n] : null;
        List<Double> foldThresholds = new ArrayList<>();
        List<StreamTimeline> streams = new ArrayList<>();
        double quietRms = metadata.detector().quietRms();
        try (Progress progress = Progress.of(label, split.folds(), showProgress)) {
            for (int fold = 0; fold < split.folds(); fold++) {
                List<Integer> trainIdx = new ArrayList<>();
                List<Integer> held = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    (split.foldOfClip()[i] == fold ? held : trainIdx).add(i);
                }
                if (!held.isEmpty()) {
                    String name = label + " " + split.foldNames().get(fold);
                    ScreamModel model = train(trainer, pick(windows, trainIdx), variants, metadata, seed + fold + 1,
                            name);
                    double[] heldScores = ClipScorer.clipScores(model, pick(windows, held), quietRms);
                    for (int j = 0; j < held.size(); j++) {
                        scores[held.get(j)] = heldScores[j];
                    }
                    if (telephone != null) {
                        double[] narrow = ClipScorer.clipScores(model, pick(telephone, held), quietRms);
                        for (int j = 0; j < held.size(); j++) {
                            telephoneScores[held.get(j)] = narrow[j];
                        }
                    }
                    if (plan.streams() != null) {
                        streams.addAll(streamTimelines(model, pick(audio, held), quietRms,
                                new StreamPlan(plan.streams().maxStreamSeconds(),
                                        plan.streams().maxLatencySeconds(), plan.streams().seed() + fold)));
                    }
                    if (nested != null) {
                        double threshold = innerThreshold(trainer, plan, pick(windows, trainIdx), variants, metadata,
                                seed * 31 + fold);
                        if (Double.isNaN(threshold)) {
                            // too few groups or one class inside this fold: no nested figure for this split
                            nested = null;
                            foldThresholds.clear();
                        } else {
                            foldThresholds.add(threshold);
                            for (int i : held) {
                                nested[i] = threshold;
                            }
                        }
                    }
                }
                progress.step();
            }
        }
        return new OutOfFold(scores, telephoneScores, nested, foldThresholds, streams);
    }

    private static ScreamModel train(ModelTrainer trainer, List<ClipWindows> windows, List<Augmenter.Variant> variants,
                                     ModelMetadata metadata, long seed, String name) {
        try {
            return trainer.train(windows, variants, metadata, seed).model();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot train " + name + " (without its clips): " + e.getMessage(), e);
        }
    }

    /**
     * The threshold the rule picks on inner out-of-fold scores of one outer training set; NaN when
     * the inner split is impossible (fewer groups than inner folds, or an inner training set of one
     * class).
     */
    static double innerThreshold(ModelTrainer trainer, FoldPlan plan, List<ClipWindows> windows,
                                 List<Augmenter.Variant> variants, ModelMetadata metadata, long seed) {
        List<Clip> clips = windows.stream().map(ClipWindows::clip).toList();
        long groups = clips.stream().map(Clip::groupKey).distinct().count();
        if (groups < plan.innerFolds()) {
            return Double.NaN;
        }
        Folds.Split inner = Folds.groupStratifiedKFold(clips, plan.innerFolds(), seed);
        ModelTrainer small = trainer.withTrees(plan.innerTrees());
        double[] innerScores = new double[clips.size()];
        double quietRms = metadata.detector().quietRms();
        for (int fold = 0; fold < inner.folds(); fold++) {
            List<Integer> trainIdx = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                (inner.foldOfClip()[i] == fold ? held : trainIdx).add(i);
            }
            if (held.isEmpty()) {
                continue;
            }
            List<ClipWindows> innerTrain = pick(windows, trainIdx);
            if (innerTrain.stream().noneMatch(w -> w.clip().isScream())
                    || innerTrain.stream().allMatch(w -> w.clip().isScream())) {
                return Double.NaN;
            }
            ScreamModel model;
            try {
                model = small.train(innerTrain, variants, metadata, seed + fold + 1).model();
            } catch (IllegalArgumentException e) {
                return Double.NaN;
            }
            double[] heldScores = ClipScorer.clipScores(model, pick(windows, held), quietRms);
            for (int j = 0; j < held.size(); j++) {
                innerScores[held.get(j)] = heldScores[j];
            }
        }
        return plan.rule().choose(clips, innerScores);
    }

    /** The windows of the telephone-band versions of the clips, on all cores, in order. */
    public static List<ClipWindows> telephoneWindows(List<ClipAudio> clips, WindowExtraction extraction) {
        return clips.parallelStream().map(c ->
                extraction.windows(c.clip(), DeviceEffects.telephoneBand(c.samples(), c.sampleRate()))).toList();
    }

    /** The timelines of synthetic streams of the clips, through the same analyzer as {@code detect}. */
    static List<StreamTimeline> streamTimelines(ScreamModel model, List<ClipAudio> clips, double quietRms,
                                                StreamPlan plan) {
        // the threshold and debounce do not change the timeline's probabilities; only the gate does
        ClipAnalyzer analyzer = new ClipAnalyzer(model, new DetectorConfig(0.5, 1, 1, quietRms));
        return SyntheticStream.build(clips, plan).parallelStream()
                .map(stream -> StreamTimeline.of(analyzer, stream)).toList();
    }

    private static <T> List<T> pick(List<T> all, List<Integer> indices) {
        List<T> picked = new ArrayList<>(indices.size());
        for (int i : indices) {
            picked.add(all.get(i));
        }
        return picked;
    }
}
