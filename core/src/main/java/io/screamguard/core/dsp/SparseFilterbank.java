package io.screamguard.core.dsp;

import java.util.Arrays;

/**
 * A bank of non-negative filters over spectrum bins, stored sparsely: each filter keeps only the
 * contiguous range of bins where its weight is non-zero, so applying a mel filterbank costs about
 * two multiply-adds per bin instead of {@code filters x bins}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SparseFilterbank {
    private final int bins;
    private final int[] firstBin;
    private final double[][] weights;

    /**
     * Builds the sparse form of a dense {@code [filters][bins]} weight matrix.
     *
     * @param dense filter weights, every row the same length
     */
    public SparseFilterbank(double[][] dense) {
        if (dense.length == 0) {
            throw new IllegalArgumentException("a filterbank needs at least one filter, got 0");
        }
        this.bins = dense[0].length;
        this.firstBin = new int[dense.length];
        this.weights = new double[dense.length][];
        for (int f = 0; f < dense.length; f++) {
            double[] row = dense[f];
            if (row.length != bins) {
                throw new IllegalArgumentException("filter " + f + " has " + row.length + " bins, expected " + bins);
            }
            int lo = 0;
            while (lo < bins && row[lo] == 0.0) {
                lo++;
            }
            int hi = bins;
            while (hi > lo && row[hi - 1] == 0.0) {
                hi--;
            }
            firstBin[f] = lo;
            weights[f] = Arrays.copyOfRange(row, lo, hi);
        }
    }

    /** @return the number of filters (output values) */
    public int filters() {
        return weights.length;
    }

    /** @return the number of spectrum bins the filters were defined over */
    public int bins() {
        return bins;
    }

    /**
     * Applies every filter to {@code spectrum}: {@code out[f] = sum_k w[f][k] * spectrum[k]}.
     *
     * @param spectrum at least {@link #bins()} values (power or magnitude)
     * @param out receives {@link #filters()} values
     */
    public void apply(double[] spectrum, double[] out) {
        for (int f = 0; f < weights.length; f++) {
            double[] w = weights[f];
            int base = firstBin[f];
            double acc = 0.0;
            for (int k = 0; k < w.length; k++) {
                acc += w[k] * spectrum[base + k];
            }
            out[f] = acc;
        }
    }

    /** @return the highest bin index any filter touches, plus one (0 when all filters are empty) */
    public int usedBins() {
        int max = 0;
        for (int f = 0; f < weights.length; f++) {
            if (weights[f].length > 0) {
                max = Math.max(max, firstBin[f] + weights[f].length);
            }
        }
        return max;
    }
}
