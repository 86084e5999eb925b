package io.screamguard.training.train;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;
import io.screamguard.training.evaluation.ThresholdRule;

/**
 * Everything that decides how a model is trained and judged.
 *
 * @param featureConfig     analysis settings
 * @param window            window length and hop in seconds
 * @param detector          loudness gate and debounce (stored in the model for the live detector)
 * @param loudWindowDb      a window of a scream clip is a scream example when its RMS is within
 *                          this many dB of the clip's loudest window (screams are short, the rest
 *                          of the clip is silence or breathing); > 0
 * @param maxWindowsPerClip at most this many windows per clip are training examples (a random
 *                          choice for non-screams, the loudest for screams), so 10-second
 *                          negatives do not outweigh 1-second screams; >= 1
 * @param maxWindowsPerStratum at most this many examples per stratum (source and subtype; augmented
 *                          variants form strata of their own), taken round-robin over the
 *                          stratum's clips, so that no source or kind of sound outvotes the others
 *                          by its size; 0 = no cap
 * @param smoteK            SMOTE neighbours, >= 1
 * @param smoteRatio        scream/non-scream window ratio after SMOTE, in (0, 1]
 * @param forest            forest hyperparameters
 * @param augmentation      scream augmentation inside training folds
 * @param folds             folds of the group-aware stratified cross-validation, >= 2
 * @param thresholdRule     the default-threshold rule
 * @param hardNegativesPerClip after a first forest, this many of each training non-scream clip's
 *                          highest-scoring loud windows (those scoring at least 0.5) are added
 *                          as extra non-scream examples and the forest is trained again; 0 = off.
 *                          The clip score is a maximum over windows, so a negative clip's worst
 *                          window is what raises false alarms
 * @param seed              the seed of everything random
 */
public record TrainingSettings(FeatureConfig featureConfig, WindowConfig window, DetectorSettings detector,
                               double loudWindowDb, int maxWindowsPerClip, int maxWindowsPerStratum, int smoteK, double smoteRatio,
                               ForestParams forest, Augmentation augmentation, int folds,
                               ThresholdRule thresholdRule, int hardNegativesPerClip, long seed) {

    /** Validates every field and names the bad value. */
    public TrainingSettings {
        if (!(loudWindowDb > 0)) {
            throw new IllegalArgumentException("loudWindowDb must be > 0, got " + loudWindowDb);
        }
        if (maxWindowsPerClip < 1) {
            throw new IllegalArgumentException("maxWindowsPerClip must be >= 1, got " + maxWindowsPerClip);
        }
        if (maxWindowsPerStratum < 0) {
            throw new IllegalArgumentException("--max-windows-per-stratum must be >= 0 (0 = no cap), got "
                    + maxWindowsPerStratum);
        }
        if (smoteK < 1) {
            throw new IllegalArgumentException("--smote-k must be >= 1, got " + smoteK);
        }
        if (!(smoteRatio > 0 && smoteRatio <= 1)) {
            throw new IllegalArgumentException("--smote-ratio must be in (0, 1], got " + smoteRatio);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be >= 2, got " + folds);
        }
        if (hardNegativesPerClip < 0) {
            throw new IllegalArgumentException("--hard-negatives must be >= 0, got " + hardNegativesPerClip);
        }
        if (thresholdRule == null) {
            throw new IllegalArgumentException("thresholdRule is required");
        }
    }

    /** A copy with another number of trees (inner folds of the nested threshold choice train smaller forests). */
    public TrainingSettings withTrees(int trees) {
        ForestParams f = forest;
        return new TrainingSettings(featureConfig, window, detector, loudWindowDb, maxWindowsPerClip,
                maxWindowsPerStratum, smoteK, smoteRatio,
                new ForestParams(trees, f.mtry(), f.maxDepth(), f.maxNodes(), f.nodeSize(), f.subsample(), f.seed()),
                augmentation, folds, thresholdRule, hardNegativesPerClip, seed);
    }
}
