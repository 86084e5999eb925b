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
        if (order > 12 || order < 5) {
            restoreAnyOrder(s, order, n, coefficients, shift);
        } else if (order <= 8) {
            restoreAnyOrder(s, order, Math.min(8, n), coefficients, shift);
            restore8(s, order, n, coefficients, shift);
        } else {
            restoreAnyOrder(s, order, Math.min(12, n), coefficients, shift);
            restore12(s, order, n, coefficients, shift);
        }
    }

    /*
     * Each loop keeps the newest sample in a local: it is the only term on the loop-carried path
     * (multiply, add, shift, add), while the older terms, loaded from the array, are summed while the
     * previous sample is still being computed. Reading the newest sample back from the array would put
     * a store-to-load forwarding delay on that path. Orders 5-8 and 9-12 share an unrolled loop of 8
     * and 12 terms, the missing coefficients zero (a multiply by zero costs a slot, not latency), from
     * the sample where all its terms exist; the samples before go through the general loop.
     */

    private static void restoreAnyOrder(int[] s, int order, int n, int[] c, int shift) {
        long c0 = c[0];
        int newest = s[order - 1];
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 1; j < order; j++) {
                sum += (long) c[j] * s[i - 1 - j];
            }
            newest = s[i] + (int) ((sum + c0 * newest) >> shift);
            s[i] = newest;
        }
    }

    private static long coefficient(int[] c, int order, int j) {
        return j < order ? c[j] : 0;
    }

    private static void restore8(int[] s, int order, int n, int[] c, int shift) {
        long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4];
        long c5 = coefficient(c, order, 5), c6 = coefficient(c, order, 6), c7 = coefficient(c, order, 7);
        int newest = s[7];
        for (int i = 8; i < n; i++) {
            long older = c1 * s[i - 2] + c2 * s[i - 3] + c3 * s[i - 4]
                    + c4 * s[i - 5] + c5 * s[i - 6] + c6 * s[i - 7] + c7 * s[i - 8];
            newest = s[i] + (int) ((older + c0 * newest) >> shift);
            s[i] = newest;
        }
    }

    private static void restore12(int[] s, int order, int n, int[] c, int shift) {
        long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7], c8 = c[8];
        long c9 = coefficient(c, order, 9), c10 = coefficient(c, order, 10), c11 = coefficient(c, order, 11);
        int newest = s[11];
        for (int i = 12; i < n; i++) {
            long older = c1 * s[i - 2] + c2 * s[i - 3] + c3 * s[i - 4]
                    + c4 * s[i - 5] + c5 * s[i - 6] + c6 * s[i - 7] + c7 * s[i - 8]
                    + c8 * s[i - 9] + c9 * s[i - 10] + c10 * s[i - 11] + c11 * s[i - 12];
            newest = s[i] + (int) ((older + c0 * newest) >> shift);
            s[i] = newest;
        }
    }
}
