package io.screamguard.core.model;

/**
 * The live detector's settings that belong to a model (the model was tuned with them).
 *
 * @param quietRms  loudness gate: windows whose RMS (samples in [-1, 1]) is below this are not
 *                  scored, neither in training nor live; >= 0
 * @param debounceK hot windows needed among the last {@code debounceN} to open an incident, 1..n
 * @param debounceN windows remembered by the debounce, >= 1
 */
public record DetectorSettings(double quietRms, int debounceK, int debounceN) {

    /** Validates every field and names the bad value. */
    public DetectorSettings {
        if (!(quietRms >= 0) || Double.isInfinite(quietRms)) {
            throw new IllegalArgumentException("quietRms must be a finite value >= 0, got " + quietRms);
        }
        if (debounceN < 1) {
            throw new IllegalArgumentException("debounceN must be >= 1, got " + debounceN);
        }
        if (debounceK < 1 || debounceK > debounceN) {
            throw new IllegalArgumentException("debounceK must be in [1, debounceN=" + debounceN + "], got " + debounceK);
        }
    }

    /** Whether a window of this RMS is below the gate and must not be scored. */
    public boolean isQuiet(double windowRms) {
        return windowRms < quietRms;
    }
}
