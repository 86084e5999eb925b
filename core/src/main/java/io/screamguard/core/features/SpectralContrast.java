package io.screamguard.core.features;

import java.util.Arrays;

/**
 * Spectral contrast band layout and per-frame peaks and valleys, as
 * {@code librosa.feature.spectral_contrast} (octave bands from {@code fMinHz}, the first band from
 * 0 Hz, each band after the first also takes the bin just below it, every band but the last drops
 * its top bin, the last band runs to the end of the spectrum; peak and valley are the means of the
 * top and bottom {@code max(1, rint(0.02 * band size))} magnitudes).
 *
 * <p>Holds a scratch buffer: one instance per thread. The band layout is immutable and shared by
 * {@link #withOwnScratch()}.
 */
final class SpectralContrast {
    static final double QUANTILE = 0.02;

    private final int[] bandStart;
    private final int[] bandEnd;
    private final int[] quantileCount;
    /** A band's previous cut-off, widened by this factor, is the first guess for the next frame. */
    private static final double GUESS_MARGIN = 1.5;

    private final double[] lows;
    private final double[] highs;
    private final double[] lastLow;
    private final double[] lastHigh;

    /**
     * @param freqsHz bin frequencies
     * @param bins number of bins analysed (the spectrum ends there)
     * @param bands number of octave bands (rows = bands + 1)
     * @param fMinHz lower edge of the first octave
     */
    SpectralContrast(double[] freqsHz, int bins, int bands, double fMinHz) {
        int rows = bands + 1;
        bandStart = new int[rows];
        bandEnd = new int[rows];
        quantileCount = new int[rows];
        int maxQuantile = 1;
        for (int k = 0; k < rows; k++) {
            double low = k == 0 ? 0.0 : fMinHz * Math.pow(2.0, k - 1);
            double high = fMinHz * Math.pow(2.0, k);
            int first = -1;
            int last = -1;
            for (int i = 0; i < bins; i++) {
                if (freqsHz[i] >= low && freqsHz[i] <= high) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException("spectral contrast band " + k + " (" + low + "-" + high
                        + " Hz) contains no FFT bin; use fewer bands or a longer FFT");
            }
            int start = k > 0 ? first - 1 : first;
            int endExclusive = k == bands ? bins : last + 1;
            int selected = endExclusive - start;
            int used = k < bands ? selected - 1 : selected;
            if (used < 1) {
                throw new IllegalArgumentException("spectral contrast band " + k + " is empty after trimming");
            }
            bandStart[k] = start;
            bandEnd[k] = start + used;
            quantileCount[k] = (int) Math.max(Math.rint(QUANTILE * selected), 1);
            maxQuantile = Math.max(maxQuantile, quantileCount[k]);
        }
        lows = new double[maxQuantile];
        highs = new double[maxQuantile];
        lastLow = new double[rows];
        lastHigh = new double[rows];
    }

    private SpectralContrast(SpectralContrast layout) {
        bandStart = layout.bandStart;
        bandEnd = layout.bandEnd;
        quantileCount = layout.quantileCount;
        lows = new double[layout.lows.length];
        highs = new double[layout.highs.length];
        lastLow = new double[layout.lastLow.length];
        lastHigh = new double[layout.lastHigh.length];
    }

    /**
     * @return an instance with this one's (immutable, shared) band layout and scratch buffers of
     *     its own, as if newly built: for another thread or stream
     */
    SpectralContrast withOwnScratch() {
        return new SpectralContrast(this);
    }

    /** @return the number of contrast rows, bands + 1 */
    int rows() {
        return bandStart.length;
    }

    /**
     * Writes the peak and valley magnitude of every band of one frame.
     *
     * @param magnitude the magnitude spectrum of the frame
     * @param peakOut receives {@link #rows()} peak magnitudes
     * @param valleyOut receives {@link #rows()} valley magnitudes
     */
    void peaksAndValleys(double[] magnitude, double[] peakOut, double[] valleyOut) {
        for (int k = 0; k < bandStart.length; k++) {
            int from = bandStart[k];
            int to = bandEnd[k];
            int q = Math.min(quantileCount[k], to - from);
            if (q == 1) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    double v = magnitude[i];
                    // plain comparisons: rarely true, so well predicted (Math.min/max handle NaN
                    // and -0.0 and are slower here); magnitudes are never NaN or -0.0
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                }
                valleyOut[k] = min;
                peakOut[k] = max;
            } else {
                selectExtremes(magnitude, from, to, q, k);
                double low = 0.0;
                double high = 0.0;
                for (int i = 0; i < q; i++) {
                    low += lows[i];
                    high += highs[i];
                }
                valleyOut[k] = low / q;
                peakOut[k] = high / q;
            }
        }
    }

    /**
     * Leaves the {@code q} smallest values of {@code x[from, to)} in {@code lows} and the
     * {@code q} largest in {@code highs}, both ascending, by insertion into two short sorted
     * buffers. Spectra change slowly from frame to frame, so the band's previous extremes (with a
     * margin) are used as a first guess of the cut-offs: only values beyond the guess are inserted.
     * When fewer than {@code q} values pass a guess, that side is redone without one, so the result
     * is always exactly the {@code q} extremes whatever frame came before.
     */
    private void selectExtremes(double[] x, int from, int to, int q, int band) {
        double lowGuess = lastLow[band] > 0 ? lastLow[band] * GUESS_MARGIN : Double.POSITIVE_INFINITY;
        double highGuess = lastHigh[band] > 0 ? lastHigh[band] / GUESS_MARGIN : Double.NEGATIVE_INFINITY;
        insert(x, from, to, q, lowGuess, highGuess, true, true);
        boolean lowsFull = lows[q - 1] != Double.POSITIVE_INFINITY;
        boolean highsFull = highs[0] != Double.NEGATIVE_INFINITY;
        if (!lowsFull || !highsFull) {
            insert(x, from, to, q, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, !lowsFull, !highsFull);
        }
        lastLow[band] = lows[q - 1];
        lastHigh[band] = highs[0];
    }

    private void insert(double[] x, int from, int to, int q, double lowGuess, double highGuess,
                        boolean doLows, boolean doHighs) {
        if (doLows) {
            Arrays.fill(lows, 0, q, Double.POSITIVE_INFINITY);
        }
        if (doHighs) {
            Arrays.fill(highs, 0, q, Double.NEGATIVE_INFINITY);
        }
        double lowLimit = doLows ? lowGuess : Double.NEGATIVE_INFINITY;
        double highLimit = doHighs ? highGuess : Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double v = x[i];
            if (v < lowLimit) {
                int j = q - 1;
                while (j > 0 && lows[j - 1] > v) {
                    lows[j] = lows[j - 1];
                    j--;
                }
                lows[j] = v;
                if (lows[q - 1] < lowLimit) {
                    lowLimit = lows[q - 1];
                }
            }
            if (v > highLimit) {
                int j = 0;
                while (j < q - 1 && highs[j + 1] < v) {
                    highs[j] = highs[j + 1];
                    j++;
                }
                highs[j] = v;
                if (highs[0] > highLimit) {
                    highLimit = highs[0];
                }
            }
        }
    }
}
