package io.screamguard.core.audio;

/**
 * FLAC's linear prediction, undone in place: each sample is its residual plus the quantised
 * prediction from the samples before it, {@code s[i] = r[i] + (sum_j c[j] * s[i-1-j]) >> shift}
 * (RFC 9639 section 9.2.6). Pure static functions.
 *
 * <p>The sum runs in {@code long}: coefficients of up to 15 bits times samples of up to 33 bits,
 * 32 of them, need up to 53 bits, so an {@code int} sum is exact only when bit depth, precision and
 * order are all small (libFLAC checks that to pick a 32-bit loop for SIMD; a scalar long multiply
 * costs the same as an int one on 64-bit HotSpot, so there is no gain in the check here).
 */
final class FlacPrediction {

    private FlacPrediction() {
    }

    /**
     * Restores samples {@code order..n-1} of {@code s}, which hold residuals, from the warm-up
     * samples {@code 0..order-1}.
     *
     * @param s            warm-up samples then residuals; overwritten with the samples
     * @param order        predictor order, 1..32
     * @param n            samples in the block
     * @param coefficients the quantised coefficients, {@code coefficients[0]} for {@code s[i-1]}
     * @param shift        the right shift of the prediction, 0..31
     */
    static void restoreLpc(int[] s, int order, int n, int[] coefficients, int shift) {
        switch (order) {
            case 8:
                restore8(s, n, coefficients, shift);
                return;
            case 12:
                restore12(s, n, coefficients, shift);
                return;
            default:
                break;
        }
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += (long) coefficients[j] * s[i - 1 - j];
            }
            s[i] += (int) (sum >> shift);
        }
    }

    private static void restore8(int[] s, int n, int[] c, int shift) {
        long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
        for (int i = 8; i < n; i++) {
            long sum = c0 * s[i - 1] + c1 * s[i - 2] + c2 * s[i - 3] + c3 * s[i - 4]
                    + c4 * s[i - 5] + c5 * s[i - 6] + c6 * s[i - 7] + c7 * s[i - 8];
            s[i] += (int) (sum >> shift);
        }
    }

    private static void restore12(int[] s, int n, int[] c, int shift) {
        long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
        long c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11];
        for (int i = 12; i < n; i++) {
            long sum = c0 * s[i - 1] + c1 * s[i - 2] + c2 * s[i - 3] + c3 * s[i - 4]
                    + c4 * s[i - 5] + c5 * s[i - 6] + c6 * s[i - 7] + c7 * s[i - 8]
                    + c8 * s[i - 9] + c9 * s[i - 10] + c10 * s[i - 11] + c11 * s[i - 12];
            s[i] += (int) (sum >> shift);
        }
    }
}
