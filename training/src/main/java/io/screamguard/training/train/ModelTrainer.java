package io.screamguard.training.train;

import io.screamguard.core.model.ForestParams;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.ClipWindows;
import io.screamguard.training.windows.WindowExtraction;
import java.util.ArrayList;
import java.util.List;

/** Trains one forest on a set of clips: selection, augmentation, SMOTE, then the forest. */
public final class ModelTrainer {

    private final TrainingSettings settings;
    private final WindowExtraction extraction;

    /**
     * @param settings   training settings
     * @param extraction the window extraction (for augmented variants)
     */
    public ModelTrainer(TrainingSettings settings, WindowExtraction extraction) {
        this.settings = settings;
        this.extraction = extraction;
    }

    /** The window extraction the trainer uses (for augmented variants and re-scored clips). */
    public WindowExtraction extraction() {
        return extraction;
    }

    /** A trainer with the same settings but {@code trees} trees. */
    public ModelTrainer withTrees(int trees) {
        return new ModelTrainer(settings.withTrees(trees), extraction);
    }

    /**
     * A trained model and the examples it saw.
     *
     * @param model the model
     * @param set   the training examples' counts
     */
    public record Trained(ScreamModel model, TrainingSet set) {
    }

    /**
     * Trains on the given clips.
     *
     * @param windows  the clips' windows
     * @param variants augmented variants ({@link Augmenter#variants}); those of other clips, or
     *                 with noise from other clips, are left out here
     * @param metadata metadata to store in the model
     * @param seed     seed for selection, SMOTE and the forest
     * @return the model and its training-set counts
     */
    public Trained train(List<ClipWindows> windows, List<Augmenter.Variant> variants, ModelMetadata metadata,
                         long seed) {
        List<Augmenter.Variant> usable = Augmenter.within(variants, windows);
        TrainingSet set = TrainingSet.build(windows, usable, List.of(), settings, seed);
        ForestParams forest = settings.forest();
        ForestParams seeded = new ForestParams(forest.trees(), forest.mtry(), forest.maxDepth(), forest.maxNodes(),
                forest.nodeSize(), forest.subsample(), seed);
        ScreamModel model = ScreamModel.train(set.x(), set.y(), seeded, metadata);
        if (settings.hardNegativesPerClip() > 0) {
            List<float[]> hard = hardNegatives(model, windows);
            set = TrainingSet.build(windows, usable, hard, settings, seed);
            model = ScreamModel.train(set.x(), set.y(), seeded, metadata);
        }
        return new Trained(model, set);
    }

    /** The augmented variants of the clips, made once (see {@link Augmenter#variants}). */
    public List<Augmenter.Variant> variants(List<ClipAudio> audio, long seed) {
        if (!settings.augmentation().enabled()) {
            return List.of();
        }
        List<ClipAudio> noise = audio.stream().filter(a -> !a.clip().isScream()).toList();
        return Augmenter.variants(audio, noise, extraction, settings.augmentation(), seed);
    }

    /**
     * The highest-scoring loud windows (score >= 0.5) of every non-scream clip, at most
     * {@code hardNegativesPerClip} per clip.
     */
    List<float[]> hardNegatives(ScreamModel model, List<ClipWindows> windows) {
        double quietRms = settings.detector().quietRms();
        int perClip = settings.hardNegativesPerClip();
        return windows.parallelStream().filter(w -> !w.clip().isScream()).flatMap(w -> {
            List<double[]> scored = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                if (w.rms()[i] >= quietRms) {
                    double p = model.screamProbability(w.summaries()[i]);
                    if (p >= 0.5) {
                        scored.add(new double[] {p, i});
                    }
                }
            }
            scored.sort((a, b) -> Double.compare(b[0], a[0]));
            return scored.stream().limit(perClip).map(s -> w.summaries()[(int) s[1]]);
        }).toList();
    }
}
