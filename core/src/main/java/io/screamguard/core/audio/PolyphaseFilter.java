package io.screamguard.core.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The precomputed, immutable coefficient table of a rational-ratio resampler.
 *
 * <p>The conversion {@code fromHz -> toHz} is reduced to {@code up/down} (divided by their gcd).
 * Output sample n sits at input time {@code t = n * down / up}; it is the dot product of the
 * {@link #taps()} input samples {@code floor(t) - halfTaps + 1 .. floor(t) + halfTaps} with the
 * row of the table for the fractional part of t. So output sample 0 is aligned with input sample 0:
 * a linear-phase filter with its delay removed, like soxr's.
 *
 * <p>Design (close to soxr "HQ", which librosa uses): passband flat to {@value #PASSBAND_END} of
 * the lower Nyquist frequency, stopband from {@value #STOPBAND_BEGIN} of it, at least
 * {@value #ATTENUATION_DB} dB down, Kaiser window. Each row is normalised to a DC gain of exactly 1.
 *
 * <p>When {@code up} is at most {@value #MAX_EXACT_PHASES} the table holds one row per phase and
 * every output uses its exact row. Otherwise (unusual rate pairs such as 44101 -> 16000) the table
 * holds {@value #INTERPOLATED_PHASES} + 1 rows and an output mixes the two rows around its phase
 * linearly (error below -100 dB).
 *
 * <p>Immutable and thread-safe; the tables of the first {@value #MAX_CACHED_TABLES} rate pairs are
 * cached and shared by every stream.
 */
final class PolyphaseFilter {

    /**
     * The passband edge as a fraction of the lower of the two Nyquist frequencies: soxr's "HQ" value,
     * {@code 1 - 0.05 / to3dB(120.4 dB)}.
     */
    static final double PASSBAND_END = 0.91363;
    /** The stopband edge as a fraction of the lower of the two Nyquist frequencies. */
    static final double STOPBAND_BEGIN = 1.0;
    /**
     * The Kaiser design attenuation in dB. soxr "HQ" nominally rejects 120 dB with its own Kaiser
     * formulas; 130 dB here reproduces its transition band best: per-row means of the 128 mel bands of
     * the two resampled golden files agree with librosa/soxr within 0.8 % (0.2 % away from the band
     * edge), against 7 % at 100 dB.
     */
    static final double ATTENUATION_DB = 130.0;
    static final int MAX_EXACT_PHASES = 1024;
    static final int INTERPOLATED_PHASES = 512;
    /** The largest accepted ratio in either direction, to bound the table size. */
    static final int MAX_RATIO = 512;

    /** Rate pairs whose tables are kept; later pairs get a private table each (up to ~2 MB, GC'd with the stream). */
    static final int MAX_CACHED_TABLES = 64;

    private static final Map<Long, PolyphaseFilter> CACHE = new ConcurrentHashMap<>();

    private final int up;
    private final int down;
    private final int halfTaps;
    private final int taps;
    private final int rows;
    private final boolean exact;
    private final float[] coefficients;
    /** Exact tables only: input offset, from a block's first tap, of the first tap of a block's output p. */
    private final int[] blockOffset;
    /** Exact tables only: the coefficient row of a block's output p. */
    private final int[] blockRow;
    /** The taps of each of the four partial sums of {@link #dot}, in the order it adds them. */
    private final int[][] tapChains;

    /**
     * Block rows (of {@link #up()} outputs each) computed per pass of {@link #resampleBlocks}: long
     * enough for the vectorised inner loop, short enough that the lanes (about 3 KB per row) stay in
     * the L2 cache.
     */
    static final int BLOCK_ROWS = 128;

    private PolyphaseFilter(int fromHz, int toHz) {
        int g = gcd(fromHz, toHz);
        this.up = toHz / g;
        this.down = fromHz / g;
        double nyquistPerInputSample = 0.5 * Math.min(1.0, (double) up / down);
        double passband = PASSBAND_END * nyquistPerInputSample;
        double stopband = STOPBAND_BEGIN * nyquistPerInputSample;
        double cutoff = (passband + stopband) / 2;
        int length = KaiserSinc.kaiserLength(ATTENUATION_DB, stopband - passband);
        this.halfTaps = (length + 1) / 2;
        this.taps = 2 * halfTaps;
        this.exact = up <= MAX_EXACT_PHASES;
        this.rows = exact ? up : INTERPOLATED_PHASES + 1;
        double beta = KaiserSinc.kaiserBeta(ATTENUATION_DB);
        this.coefficients = new float[rows * taps];
        double[] row = new double[taps];
        for (int r = 0; r < rows; r++) {
            double frac = exact ? (double) r / up : (double) r / INTERPOLATED_PHASES;
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                double x = (k - halfTaps + 1) - frac;
                row[k] = KaiserSinc.lowPass(x, cutoff) * KaiserSinc.kaiserWindow(x / halfTaps, beta);
                sum += row[k];
            }
            for (int k = 0; k < taps; k++) {
                coefficients[r * taps + k] = (float) (row[k] / sum);
            }
        }
        this.blockOffset = new int[exact ? up : 0];
        this.blockRow = new int[exact ? up : 0];
        for (int p = 0; p < blockOffset.length; p++) {
            blockOffset[p] = (int) ((long) p * down / up);
            blockRow[p] = (int) ((long) p * down % up);
        }
        this.tapChains = tapChains(taps);
    }

    /** The taps each partial sum of {@link #dot} adds, in its order. */
    private static int[][] tapChains(int taps) {
        int grouped = taps / 4 * 4;
        int[][] chains = new int[4][];
        for (int chain = 0; chain < 4; chain++) {
            int length = grouped / 4 + (chain == 0 ? taps - grouped : 0);
            chains[chain] = new int[length];
            int n = 0;
            for (int k = chain; k < grouped; k += 4) {
                chains[chain][n++] = k;
            }
            for (int k = grouped; chain == 0 && k < taps; k++) {
                chains[chain][n++] = k;
            }
        }
        return chains;
    }

    /**
     * The shared table for a rate pair.
     *
     * @param fromHz input rate in Hz, > 0
     * @param toHz   output rate in Hz, > 0, different from fromHz
     * @return the table
     * @throws IllegalArgumentException for non-positive rates or a ratio beyond {@value #MAX_RATIO}
     */
    static PolyphaseFilter forRates(int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new IllegalArgumentException("sample rates must be > 0 Hz, got " + fromHz + " -> " + toHz);
        }
        if (fromHz / toHz > MAX_RATIO || toHz / fromHz > MAX_RATIO) {
            throw new IllegalArgumentException("resampling ratio " + fromHz + " -> " + toHz
                    + " Hz is beyond 1:" + MAX_RATIO + "; resample in two steps");
        }
        long key = ((long) fromHz << 32) | toHz;
        PolyphaseFilter cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        if (CACHE.size() >= MAX_CACHED_TABLES) {
            // clients choose their stream rate: do not let a parade of odd rates pin memory
            return new PolyphaseFilter(fromHz, toHz);
        }
        return CACHE.computeIfAbsent(key, k -> new PolyphaseFilter(fromHz, toHz));
    }

    /** @return output samples per {@link #down()} input samples */
    int up() {
        return up;
    }

    /** @return input samples per {@link #up()} output samples */
    int down() {
        return down;
    }

    /** @return taps on each side of an output's input position */
    int halfTaps() {
        return halfTaps;
    }

    /** @return taps per output sample (twice {@link #halfTaps()}) */
    int taps() {
        return taps;
    }

    /** @return coefficient {@code tap} of table row {@code row} (for tests) */
    float coefficient(int row, int tap) {
        return coefficients[row * taps + tap];
    }

    /**
     * Output sample for phase {@code phase} (0 &lt;= phase &lt; up), that is input time
     * {@code first + halfTaps - 1 + phase/up}, from the input samples starting at {@code first} in
     * {@code input}.
     */
    float apply(float[] input, int first, int phase) {
        if (exact) {
            return dot(input, first, phase * taps);
        }
        double position = (double) phase * INTERPOLATED_PHASES / up;
        int row = (int) position;
        float weight = (float) (position - row);
        float a = dot(input, first, row * taps);
        if (weight == 0f) {
            return a;
        }
        float b = dot(input, first, (row + 1) * taps);
        return a + weight * (b - a);
    }

    /**
     * Two consecutive outputs at once, bit for bit what two {@link #apply} calls give, about twice as
     * fast (see {@link #dot2}).
     *
     * @param out receives {@code apply(input, firstA, phaseA)} at {@code outAt} and
     *     {@code apply(input, firstB, phaseB)} at {@code outAt + 1}
     */
    void applyPair(float[] input, int firstA, int phaseA, int firstB, int phaseB, float[] out, int outAt) {
        if (exact) {
            dot2(input, firstA, phaseA * taps, firstB, phaseB * taps, out, outAt);
            return;
        }
        out[outAt] = apply(input, firstA, phaseA);
        out[outAt + 1] = apply(input, firstB, phaseB);
    }

    /**
     * A block of outputs for an integer decimation ({@code up == 1}, so every output uses row 0):
     * output j is the filter applied to {@code input[first + j*down ...]}.
     *
     * <p>The taps are visited per input phase {@code r} (taps {@code r, r + down, ...}) so that the
     * inner loop runs over consecutive outputs and vectorises: the input samples of phase r are
     * gathered once into a lane, and for each tap the lane, shifted by the tap's group, is copied to
     * the start of a scratch array first. The copy is what lets C2 vectorise the multiply-add: it
     * will not vectorise {@code out[j] += c * lane[j + q]} (a load at another offset than the store
     * in an array of the same type might alias it), but does {@code out[j] += c * shifted[j]}, about
     * four times faster. Two taps are added per pass as {@code out[j] = (out[j] + c0 * a[j]) + c1 * b[j]},
     * the very roundings of two single-tap passes, so the samples are bit for bit those of the plain
     * tap-by-tap loop. Each output's sum is accumulated in the same order whatever the block size, so
     * blocks of any size give the same samples.
     *
     * @param input the input samples
     * @param first the index in input of output 0's first tap
     * @param out   receives {@code out.length} outputs (must be all zeros on entry)
     */
    void decimate(float[] input, int first, float[] out) {
        decimate(input, first, out, new DecimationScratch());
    }

    /**
     * As {@link #decimate(float[], int, float[])}, with work arrays kept by the caller (a stream)
     * from block to block instead of allocated for each block.
     *
     * @param scratch the caller's work arrays, grown here when a block needs more
     */
    void decimate(float[] input, int first, float[] out, DecimationScratch scratch) {
        int count = out.length;
        int m = down;
        scratch.ensure(count + taps / m + 1, count);
        float[] lane = scratch.lane;
        float[] shiftedA = scratch.shiftedA;
        float[] shiftedB = scratch.shiftedB;
        for (int r = 0; r < m && r < taps; r++) {
            int lastTapGroup = (taps - 1 - r) / m;
            int laneLength = count + lastTapGroup;
            for (int i = 0, at = first + r; i < laneLength; i++, at += m) {
                lane[i] = input[at];
            }
            int q = 0;
            for (; q + 1 <= lastTapGroup; q += 2) {
                System.arraycopy(lane, q, shiftedA, 0, count);
                System.arraycopy(lane, q + 1, shiftedB, 0, count);
                multiplyAdd2(out, coefficients[q * m + r], shiftedA, coefficients[(q + 1) * m + r], shiftedB, count);
            }
            if (q <= lastTapGroup) {
                System.arraycopy(lane, q, shiftedA, 0, count);
                multiplyAdd(out, coefficients[q * m + r], shiftedA, count);
            }
        }
    }

    /**
     * {@code out[j] = (out[j] + c0 * a[j]) + c1 * b[j]} for j below count: exactly two single-tap
     * passes, in one vectorised loop (every array at offset 0).
     */
    private static void multiplyAdd2(float[] out, float c0, float[] a, float c1, float[] b, int count) {
        for (int j = 0; j < count; j++) {
            out[j] = (out[j] + c0 * a[j]) + c1 * b[j];
        }
    }

    /**
     * The work arrays of {@link #decimate(float[], int, float[], DecimationScratch)}: separate
     * arrays (each used from index 0, which is what lets the kernel vectorise), kept by one stream.
     * Not thread-safe.
     */
    static final class DecimationScratch {
        private float[] lane = new float[0];
        private float[] shiftedA = new float[0];
        private float[] shiftedB = new float[0];

        void ensure(int laneLength, int count) {
            if (lane.length < laneLength) {
                lane = new float[laneLength];
            }
            if (shiftedA.length < count) {
                shiftedA = new float[count];
                shiftedB = new float[count];
            }
        }
    }

    /** {@code out[j] += c * a[j]} for j below count. */
    private static void multiplyAdd(float[] out, float c, float[] a, int count) {
        for (int j = 0; j < count; j++) {
            out[j] += c * a[j];
        }
    }

    /**
     * The dot product of {@code taps} inputs from {@code xAt} with the coefficients from {@code cAt},
     * in four interleaved partial sums combined pairwise.
     */
    private float dot(float[] x, int xAt, int cAt) {
        float[] c = coefficients;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int k = 0;
        for (; k + 3 < taps; k += 4) {
            s0 += x[xAt + k] * c[cAt + k];
            s1 += x[xAt + k + 1] * c[cAt + k + 1];
            s2 += x[xAt + k + 2] * c[cAt + k + 2];
            s3 += x[xAt + k + 3] * c[cAt + k + 3];
        }
        for (; k < taps; k++) {
            s0 += x[xAt + k] * c[cAt + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code true} when {@link #resampleBlocks} applies: an exact table of a non-integer ratio
     * ({@code up > 1}; integer ratios take {@link #decimate}).
     */
    boolean hasBlockKernel() {
        return exact && up > 1;
    }

    /** @return input samples a block reads from its first tap on: {@code offset(up - 1) + taps} */
    int blockSpan() {
        return blockOffset[up - 1] + taps;
    }

    /**
     * Whole blocks of outputs for a rational ratio with an exact table ({@link #hasBlockKernel()}).
     * A block is {@code up} consecutive outputs starting at phase 0; it reads {@code down} new input
     * samples. Output {@code p} of block {@code i} is the row {@code (p * down) mod up} applied to
     * the input from {@code first + i * down + floor(p * down / up)}.
     *
     * <p>Layout for the inner loop: the input of {@link #BLOCK_ROWS} blocks is transposed once into
     * lanes, {@code lane[t][i] = input[first + i * down + t]}, so that for a fixed output p and tap k
     * the samples of every block are contiguous: {@code acc[i] += c[row(p)][k] * lane[offset(p) + k][i]},
     * a loop over consecutive block rows with one coefficient, which C2 vectorises (each lane is its
     * own array indexed from 0, see {@link #decimate}). The transposition costs {@code down + taps}
     * copies per block against {@code up * taps} multiply-adds.
     *
     * <p>Each output is summed exactly as {@link #dot} sums it: four partial sums over the taps
     * {@code 0, 4, 8, ...}, {@code 1, 5, ...}, {@code 2, 6, ...}, {@code 3, 7, ...} (the taps past the
     * last whole group of four join the first), each in that order, combined as
     * {@code (s0 + s1) + (s2 + s3)}; a pass adds four taps of one partial sum with the roundings of four
     * single-tap passes. So the block kernel gives the bits of the single-output path, which keeps a
     * stream fed in any chunks identical to the offline resampler, and the samples identical to those
     * of the per-output resampler it replaced.
     *
     * @param input   the input samples
     * @param first   the index in input of the first tap of block 0's output 0 (phase 0)
     * @param blocks  how many blocks, >= 0
     * @param out     receives {@code blocks * up} outputs from {@code outAt}
     * @param outAt   where block 0's output 0 goes in out
     * @param scratch the caller's work arrays, grown here when needed
     */
    void resampleBlocks(float[] input, int first, int blocks, float[] out, int outAt, BlockScratch scratch) {
        int span = blockSpan();
        for (int done = 0; done < blocks; done += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, blocks - done);
            scratch.ensure(span, rows);
            float[][] lanes = scratch.lanes;
            int start = first + done * down;
            for (int t = 0; t < span; t++) {
                float[] lane = lanes[t];
                for (int i = 0, at = start + t; i < rows; i++, at += down) {
                    lane[i] = input[at];
                }
            }
            int outBase = outAt + done * up;
            for (int p = 0; p < up; p++) {
                int offset = blockOffset[p];
                int c = blockRow[p] * taps;
                for (int chain = 0; chain < 4; chain++) {
                    float[] acc = scratch.acc[chain];
                    java.util.Arrays.fill(acc, 0, rows, 0f);
                    int[] chainTaps = tapChains[chain];
                    int n = 0;
                    for (; n + 3 < chainTaps.length; n += 4) {
                        int k0 = chainTaps[n];
                        int k1 = chainTaps[n + 1];
                        int k2 = chainTaps[n + 2];
                        int k3 = chainTaps[n + 3];
                        multiplyAdd4(acc, coefficients[c + k0], lanes[offset + k0], coefficients[c + k1],
                                lanes[offset + k1], coefficients[c + k2], lanes[offset + k2],
                                coefficients[c + k3], lanes[offset + k3], rows);
                    }
                    for (; n < chainTaps.length; n++) {
                        multiplyAdd(acc, coefficients[c + chainTaps[n]], lanes[offset + chainTaps[n]], rows);
                    }
                }
                float[] s0 = scratch.acc[0];
                float[] s1 = scratch.acc[1];
                float[] s2 = scratch.acc[2];
                float[] s3 = scratch.acc[3];
                for (int i = 0, o = outBase + p; i < rows; i++, o += up) {
                    out[o] = (s0[i] + s1[i]) + (s2[i] + s3[i]);
                }
            }
        }
    }

    /**
     * {@code out[j] = (((out[j] + c0 a[j]) + c1 b[j]) + c2 d[j]) + c3 e[j]}: four single-tap passes,
     * the same roundings, in one vectorised loop.
     */
    private static void multiplyAdd4(float[] out, float c0, float[] a, float c1, float[] b, float c2, float[] d,
                                     float c3, float[] e, int count) {
        for (int j = 0; j < count; j++) {
            out[j] = (((out[j] + c0 * a[j]) + c1 * b[j]) + c2 * d[j]) + c3 * e[j];
        }
    }

    /**
     * The work arrays of {@link #resampleBlocks}: {@code blockSpan()} lanes of block rows and four
     * accumulators (the partial sums of {@link #dot}), kept by one stream and sized to the largest pass it has needed (at most
     * {@link #BLOCK_ROWS} rows, about 365 KB for 22050 -> 16000 Hz; a live stream fed 20 ms chunks
     * needs a few KB). Not thread-safe.
     */
    static final class BlockScratch {
        private float[][] lanes = new float[0][];
        private float[][] acc = new float[4][0];

        void ensure(int span, int rows) {
            if (lanes.length < span || acc[0].length < rows) {
                int capacity = Math.max(rows, acc[0].length);
                lanes = new float[Math.max(span, lanes.length)][capacity];
                acc = new float[4][capacity];
            }
        }
    }

    /**
     * Two dot products at once, each in exactly the order of {@link #dot} (so the same bits): the
     * eight partial sums are independent, so the additions of one product fill the latency of the
     * other's (one product alone is bound by the latency of its four addition chains).
     *
     * @param out receives {@code dot(x, xA, cA)} at {@code outAt} and {@code dot(x, xB, cB)} at {@code outAt + 1}
     */
    private void dot2(float[] x, int xA, int cA, int xB, int cB, float[] out, int outAt) {
        float[] c = coefficients;
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        float b0 = 0f;
        float b1 = 0f;
        float b2 = 0f;
        float b3 = 0f;
        int k = 0;
        for (; k + 3 < taps; k += 4) {
            a0 += x[xA + k] * c[cA + k];
            b0 += x[xB + k] * c[cB + k];
            a1 += x[xA + k + 1] * c[cA + k + 1];
            b1 += x[xB + k + 1] * c[cB + k + 1];
            a2 += x[xA + k + 2] * c[cA + k + 2];
            b2 += x[xB + k + 2] * c[cB + k + 2];
            a3 += x[xA + k + 3] * c[cA + k + 3];
            b3 += x[xB + k + 3] * c[cB + k + 3];
        }
        for (; k < taps; k++) {
            a0 += x[xA + k] * c[cA + k];
            b0 += x[xB + k] * c[cB + k];
        }
        out[outAt] = (a0 + a1) + (a2 + a3);
        out[outAt + 1] = (b0 + b1) + (b2 + b3);
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
