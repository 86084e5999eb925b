package io.screamguard.training.train;

import io.screamguard.training.smote.Smote;
import io.screamguard.training.windows.ClipWindows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The window examples a forest is trained on.
 *
 * @param x                   summary vectors
 * @param y                   labels (1 = scream)
 * @param realScreams         scream examples from real windows
 * @param augmented           scream examples from augmented variants
 * @param synthetic           scream examples made by SMOTE
 * @param nonScreams          non-scream examples (real, augmented and hard negatives)
 * @param augmentedNonScreams of which from augmented variants
 * @param smoteKUsed          the effective SMOTE k (lower than asked when there are few screams)
 */
public record TrainingSet(float[][] x, int[] y, int realScreams, int augmented, int synthetic, int nonScreams,
                          int augmentedNonScreams, int smoteKUsed) {

    /** Suffix of the stratum of augmented variants: they never displace the real clips of a stratum. */
    static final String AUGMENTED_STRATUM = "+augmented";

    /**
     * Builds the examples of a training fold: window selection per clip, the cap per stratum
     * (source and subtype, so that no source or kind of sound outvotes the others by its size),
     * the augmented variants in strata of their own, then SMOTE on the screams up to the
     * configured ratio.
     *
     * @param clips         the fold's training clips
     * @param variants      augmented variants of the same clips ({@link Augmenter})
     * @param hardNegatives extra non-scream rows (hard negatives mined from a first model)
     * @param settings      the settings
     * @param seed          seed of the window choice, the caps and SMOTE
     * @throws IllegalArgumentException when the fold has no scream or no non-scream example
     */
    public static TrainingSet build(List<ClipWindows> clips, List<Augmenter.Variant> variants,
                                    List<float[]> hardNegatives, TrainingSettings settings, long seed) {
        double quietRms = settings.detector().quietRms();
        Map<String, Stratum> strata = new LinkedHashMap<>();
        for (ClipWindows windows : clips) {
            SplittableRandom random = new SplittableRandom(seed * 7919L + windows.clip().path().toString().hashCode());
            int[] chosen = WindowSelection.examples(windows, quietRms, settings.loudWindowDb(),
                    settings.maxWindowsPerClip(), random);
            strata.computeIfAbsent(windows.clip().stratum(), s -> new Stratum(windows.clip().isScream(), new ArrayList<>()))
                    .clipRows().add(rows(windows, chosen));
        }
        for (Augmenter.Variant variant : variants) {
            ClipWindows windows = variant.windows();
            SplittableRandom random = new SplittableRandom(seed * 7907L + windows.clip().path().toString().hashCode());
            int[] chosen = windows.clip().isScream()
                    ? WindowSelection.screamWindows(variant.labelRms(), windows.rms(), quietRms,
                            settings.loudWindowDb(), settings.maxWindowsPerClip())
                    : WindowSelection.nonScreamWindows(windows.rms(), quietRms, settings.maxWindowsPerClip(), random);
            strata.computeIfAbsent(windows.clip().stratum() + AUGMENTED_STRATUM,
                    s -> new Stratum(windows.clip().isScream(), new ArrayList<>())).clipRows().add(rows(windows, chosen));
        }
        List<float[]> screams = new ArrayList<>();
        List<float[]> others = new ArrayList<>();
        int augmentedScreams = 0;
        int augmentedOthers = 0;
        for (Map.Entry<String, Stratum> stratum : strata.entrySet()) {
            boolean scream = stratum.getValue().scream();
            boolean augmentedStratum = stratum.getKey().endsWith(AUGMENTED_STRATUM);
            List<float[]> kept = capped(stratum.getValue().clipRows(), settings.maxWindowsPerStratum(),
                    new SplittableRandom(seed * 31L + stratum.getKey().hashCode()));
            (scream ? screams : others).addAll(kept);
            if (augmentedStratum) {
                if (scream) {
                    augmentedScreams += kept.size();
                } else {
                    augmentedOthers += kept.size();
                }
            }
        }
        others.addAll(hardNegatives);
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
        return new TrainingSet(x, y, screams.size() - augmentedScreams, augmentedScreams, synthetic.length,
                others.size(), augmentedOthers, Smote.effectiveK(settings.smoteK(), screams.size()));
    }

    /** The example rows of each clip of one stratum, and the stratum's class. */
    private record Stratum(boolean scream, List<float[][]> clipRows) {
    }

    private static float[][] rows(ClipWindows windows, int[] chosen) {
        float[][] rows = new float[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            rows[i] = windows.summaries()[chosen[i]];
        }
        return rows;
    }

    /**
     * At most {@code cap} rows of a stratum (0 = all), taken round-robin over its clips in a
     * seeded order: every clip gives its first example before any clip gives its second, so a cap
     * keeps as many different recordings as it can.
     */
    static List<float[]> capped(List<float[][]> clipRows, int cap, SplittableRandom random) {
        List<float[][]> order = new ArrayList<>(clipRows);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float[][] tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        int limit = cap > 0 ? cap : Integer.MAX_VALUE;
        List<float[]> kept = new ArrayList<>();
        for (int round = 0; kept.size() < limit; round++) {
            boolean any = false;
            for (float[][] rows : order) {
                if (round < rows.length && kept.size() < limit) {
                    kept.add(rows[round]);
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return kept;
    }
}
