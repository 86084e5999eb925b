package io.screamguard.core.detection;

import io.screamguard.core.model.ModelMetadata;

/**
 * Settings of the {@link ScreamDetector}.
 *
 * <p>Defaults normally come from the model's {@code model.json} ({@code detector: {quietRms,
 * debounceK, debounceN}} and {@code recommendedThreshold}); the server may override the threshold
 * and the debounce from its configuration.
 *
 * @param thresholdProbability a loud window is "hot" when its scream probability is at or above
 *     this value; in [0, 1], typically 0.5 to 0.8
 * @param debounceK            hot windows needed among the last {@code debounceN} windows to open
 *                             an incident; 1 &lt;= k &lt;= n
 * @param debounceN            length of the debounce memory in windows (quiet windows count as
 *                             windows that are not hot); an open incident closes after n
 *                             consecutive windows that are not hot
 * @param quietRms             loudness gate: windows whose RMS (of samples in [-1, 1]) is below
 *                             this are not scored; &gt;= 0, 0 disables the gate; typically 0.001 to
 *                             0.01
 */
public record DetectorConfig(double thresholdProbability, int debounceK, int debounceN, double quietRms) {

    /** Validates every field and names the bad value. */
    public DetectorConfig {
        if (!(thresholdProbability >= 0.0 && thresholdProbability <= 1.0)) {
            throw new IllegalArgumentException(
                    "thresholdProbability must be in [0, 1], got " + thresholdProbability);
        }
        if (debounceN < 1) {
            throw new IllegalArgumentException("debounceN must be >= 1, got " + debounceN);
        }
        if (debounceK < 1 || debounceK > debounceN) {
            throw new IllegalArgumentException("debounceK must be in [1, debounceN=" + debounceN
                    + "], got " + debounceK);
        }
        if (!(quietRms >= 0.0) || Double.isInfinite(quietRms)) {
            throw new IllegalArgumentException("quietRms must be a finite value >= 0, got " + quietRms);
        }
    }

    /**
     * The settings a model was tuned with: its recommended threshold, loudness gate and debounce
     * from {@code model.json}.
     *
     * @param metadata the model's metadata
     * @return the model's detector configuration
     */
    public static DetectorConfig fromModel(ModelMetadata metadata) {
        return new DetectorConfig(metadata.recommendedThreshold(), metadata.detector().debounceK(),
                metadata.detector().debounceN(), metadata.detector().quietRms());
    }

    /**
     * A copy with another threshold.
     *
     * @param newThresholdProbability in [0, 1]
     * @return the new configuration
     */
    public DetectorConfig withThreshold(double newThresholdProbability) {
        return new DetectorConfig(newThresholdProbability, debounceK, debounceN, quietRms);
    }

    /**
     * A copy with another debounce.
     *
     * @param k hot windows needed, 1 &lt;= k &lt;= n
     * @param n windows remembered, &gt;= 1
     * @return the new configuration
     */
    public DetectorConfig withDebounce(int k, int n) {
        return new DetectorConfig(thresholdProbability, k, n, quietRms);
    }

    /**
     * Whether a window of this RMS is below the loudness gate and must not be scored.
     *
     * @param windowRms RMS of the window's samples
     * @return true when {@code windowRms < quietRms}
     */
    public boolean isQuiet(double windowRms) {
        return windowRms < quietRms;
    }
}
