package io.screamguard.core.features;

/**
 * Zero-crossing rate as {@code librosa.feature.zero_crossing_rate}: values within 1e-10 of zero
 * count as zero, zero counts as positive ({@code zero_pos=True}), a crossing is a change of sign
 * bit between consecutive samples, and the count is divided by the frame length (so the first
 * sample of a frame never counts as a crossing).
 */
final class ZeroCrossingRate {
    static final double THRESHOLD = 1e-10;

    private ZeroCrossingRate() {
    }

    /**
     * @param samples the signal
     * @param offset first sample of the frame
     * @param length frame length in samples, >= 1
     * @return crossings per sample, 0 to (length - 1) / length
     */
    static double ofFrame(float[] samples, int offset, int length) {
        int crossings = 0;
        boolean previousNegative = isNegative(samples[offset]);
        for (int i = offset + 1; i < offset + length; i++) {
            boolean negative = isNegative(samples[i]);
            if (negative != previousNegative) {
                crossings++;
            }
            previousNegative = negative;
        }
        return crossings / (double) length;
    }

    private static boolean isNegative(float x) {
        if (x >= -THRESHOLD && x <= THRESHOLD) {
            return false;
        }
        return x < 0f;
    }
}
