package io.screamguard.server.scoring;

/**
 * The detector settings in force: threshold, k-of-n debounce and loudness gate. Swapped as a whole
 * (an administrator's change) and read by every scorer before each window.
 *
 * @param thresholdProbability a window is hot at or above this probability, in (0, 1]
 * @param debounceK            hot windows needed within debounceN, 1..debounceN
 * @param debounceN            windows remembered by the debounce, >= 1
 * @param quietRms             windows quieter than this linear RMS are not scored, >= 0
 */
public record DetectorTuning(double thresholdProbability, int debounceK, int debounceN, double quietRms) {
    public DetectorTuning {
        if (!(thresholdProbability > 0 && thresholdProbability <= 1)) {
            throw new IllegalArgumentException("thresholdProbability must be in (0, 1], got " + thresholdProbability);
        }
        if (debounceN < 1 || debounceK < 1 || debounceK > debounceN) {
            throw new IllegalArgumentException("need 1 <= debounceK <= debounceN, got k=" + debounceK + " n=" + debounceN);
        }
        if (!(quietRms >= 0) || Double.isInfinite(quietRms)) {
            throw new IllegalArgumentException("quietRms must be finite and >= 0, got " + quietRms);
        }
    }
}
