package io.screamguard.training.train;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;

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
 * @param smoteK            SMOTE neighbours, >= 1
 * @param smoteRatio        scream/non-scream window ratio after SMOTE, in (0, 1]
 * @param forest            forest hyperparameters
 * @param augmentation      scream augmentation inside training folds
 * @param folds             folds of the group-aware stratified cross-validation, >= 2
 * @param maxFalseAlarmRate false-alarm limit of the default-threshold rule, in [0, 1]
 * @param hardNegativesPerClip after a first forest, this many of each training non-scream clip's
 *                          highest-scoring loud windows (those scoring at least 0.5) are added
 *                          as extra non-scream examples and the forest is trained again; 0 = off.
 *                          The clip score is a maximum over windows, so a negative clip's worst
 *                          window is what raises false alarms
 * @param seed              the seed of everything random
 */
public record TrainingSettings(FeatureConfig featureConfig, WindowConfig window, DetectorSettings detector,
                               double loudWindowDb, int maxWindowsPerClip, int smoteK, double smoteRatio,
                               ForestParams forest, Augmentation augmentation, int folds,
                               double maxFalseAlarmRate, int hardNegativesPerClip, long seed) {

    /** Validates every field and names the bad value. */
    public TrainingSettings {
        if (!(loudWindowDb > 0)) {
            throw new IllegalArgumentException("loudWindowDb must be > 0, got " + loudWindowDb);
        }
        if (maxWindowsPerClip < 1) {
            throw new IllegalArgumentException("maxWindowsPerClip must be >= 1, got " + maxWindowsPerClip);
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
        if (!(maxFalseAlarmRate >= 0 && maxFalseAlarmRate <= 1)) {
            throw new IllegalArgumentException("--max-false-alarm-rate must be in [0, 1], got " + maxFalseAlarmRate);
        }
    }
}
