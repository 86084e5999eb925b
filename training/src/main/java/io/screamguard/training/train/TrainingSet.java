package io.screamguard.training.train;

import io.screamguard.training.smote.Smote;
import io.screamguard.training.windows.ClipWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The window examples a forest is trained on.
 *
 * @param x             summary vectors
 * @param y             labels (1 = scream)
 * @param realScreams   scream examples from real windows
 * @param augmented     scream examples from augmented variants
 * @param synthetic     scream examples made by SMOTE
 * @param nonScreams    non-scream examples
 * @param smoteKUsed    the effective SMOTE k (lower than asked when there are few screams)
 */
public record TrainingSet(float[][] x, int[] y, int realScreams, int augmented, int synthetic, int nonScreams,
                          int smoteKUsed) {

    /**
     * Builds the examples of a training fold: window selection, augmented screams, then SMOTE on
     * the screams (real and augmented) up to the configured ratio.
     *
     * @param clips          the fold's training clips
     * @param augmentedRows  scream rows from {@link Augmenter} for the same clips
     * @param settings       the settings
     * @param seed           seed of the window choice and SMOTE
     * @throws IllegalArgumentException when the fold has no scream or no non-scream example
     */
    public static TrainingSet build(List<ClipWindows> clips, List<float[]> augmentedRows, TrainingSettings settings,
                                    long seed) {
        return build(clips, augmentedRows, List.of(), settings, seed);
    }

    /**
     * As {@link #build(List, List, TrainingSettings, long)}, with extra non-scream rows (hard
     * negatives mined from a first model).
     */
    public static TrainingSet build(List<ClipWindows> clips, List<float[]> augmentedRows, List<float[]> hardNegatives,
                                    TrainingSettings settings, long seed) {
        List<float[]> screams = new ArrayList<>();
        List<float[]> others = new ArrayList<>();
        double quietRms = settings.detector().quietRms();
        for (ClipWindows windows : clips) {
            SplittableRandom random = new SplittableRandom(seed * 7919L + windows.clip().path().toString().hashCode());
            int[] chosen = WindowSelection.examples(windows, quietRms, settings.loudWindowDb(),
                    settings.maxWindowsPerClip(), random);
            for (int i : chosen) {
                (windows.clip().isScream() ? screams : others).add(windows.summaries()[i]);
            }
        }
        others.addAll(hardNegatives);
        int real = screams.size();
        screams.addAll(augmentedRows);
        if (screams.isEmpty() || others.isEmpty()) {
            throw new IllegalArgumentException("the training data has " + screams.size() + " scream and "
                    + others.size() + " non-scream windows above the loudness gate (quietRms "
                    + quietRms + "): training needs both classes; add scream/ and non_scream/ recordings");
        }
        int count = Smote.syntheticCount(screams.size(), others.size(), settings.smoteRatio());
        float[][] synthetic = Smote.synthesize(screams.toArray(new float[0][]), count, settings.smoteK(), seed);
        int n = screams.size() + synthetic.length + others.size();
        float[][] x = new float[n][];
        int[] y = new int[n];
        int row = 0;
        for (float[] s : screams) {
            x[row] = s;
            y[row++] = 1;
        }
        for (float[] s : synthetic) {
            x[row] = s;
            y[row++] = 1;
        }
        for (float[] s : others) {
            x[row] = s;
            y[row++] = 0;
        }
        return new TrainingSet(x, y, real, augmentedRows.size(), synthetic.length, others.size(),
                Smote.effectiveK(settings.smoteK(), screams.size()));
    }
}
