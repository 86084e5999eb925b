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
        // branchless: a sample is "negative" only below -1e-10 (tiny values count as zero, which is
        // positive); two interleaved counters keep the loop free of a long dependency chain
        int even = 0;
        int odd = 0;
        int previous = negative(samples[offset]);
        int i = offset + 1;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            int a = negative(samples[i]);
            int b = negative(samples[i + 1]);
            even += a ^ previous;
            odd += b ^ a;
            previous = b;
        }
        if (i < end) {
            even += negative(samples[i]) ^ previous;
        }
        return (even + odd) / (double) length;
    }

    private static int negative(float x) {
        return x < -THRESHOLD ? 1 : 0;
    }
}
