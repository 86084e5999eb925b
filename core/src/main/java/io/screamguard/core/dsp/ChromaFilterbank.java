package io.screamguard.core.dsp;

/**
 * The chroma filterbank of {@code librosa.filters.chroma} (defaults: octave weighting centred on
 * octave 5 with a width of 2 octaves, columns L2-normalised, first row = C).
 *
 * <p>Each FFT bin spreads its energy over the pitch classes with a Gaussian bump around its own
 * (fractional) pitch class, as wide as the bin is in semitones, then a Gaussian over octaves
 * de-emphasises very low and very high bins.
 */
public final class ChromaFilterbank {
    private static final double CENTRE_OCTAVE = 5.0;
    private static final double OCTAVE_WIDTH = 2.0;

    private ChromaFilterbank() {
    }

    /**
     * Octaves above C0 ({@code A440 / 16} with the given tuning): {@code log2(hz / (A440 / 16))}.
     *
     * @param hz frequency in Hz, > 0
     * @param tuningBins tuning deviation in fractions of a bin (-0.5 to 0.5)
     * @param binsPerOctave bins per octave (12)
     * @return octave number
     */
    public static double hzToOctaves(double hz, double tuningBins, int binsPerOctave) {
        double a440 = 440.0 * Math.pow(2.0, tuningBins / binsPerOctave);
        return log2(hz / (a440 / 16.0));
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }

    /**
     * The dense filterbank {@code [nChroma][nFft / 2 + 1]}.
     *
     * @param sampleRateHz sample rate in Hz
     * @param nFft FFT length in samples (even)
     * @param nChroma number of pitch classes (12)
     * @param tuningBins tuning deviation in fractions of a chroma bin
     * @return the weights (rounded to float32 like librosa's default dtype)
     */
    public static double[][] librosa(double sampleRateHz, int nFft, int nChroma, double tuningBins) {
        if (nChroma < 1 || nFft < 2) {
            throw new IllegalArgumentException("need nChroma >= 1 and nFft >= 2, got " + nChroma + ", " + nFft);
        }
        double[] frqbins = new double[nFft];
        double step = sampleRateHz / nFft;
        for (int k = 1; k < nFft; k++) {
            frqbins[k] = nChroma * hzToOctaves(k * step, tuningBins, nChroma);
        }
        frqbins[0] = frqbins[1] - 1.5 * nChroma;
        double[] binWidth = new double[nFft];
        for (int k = 0; k < nFft - 1; k++) {
            binWidth[k] = Math.max(frqbins[k + 1] - frqbins[k], 1.0);
        }
        binWidth[nFft - 1] = 1.0;
        double half = Math.rint(nChroma / 2.0);
        int bins = nFft / 2 + 1;
        double[][] wts = new double[nChroma][nFft];
        for (int k = 0; k < nFft; k++) {
            double sumSquares = 0.0;
            for (int c = 0; c < nChroma; c++) {
                double d = frqbins[k] - c;
                d = ((d + half + 10.0 * nChroma) % nChroma) - half;
                double z = 2.0 * d / binWidth[k];
                double w = Math.exp(-0.5 * z * z);
                wts[c][k] = w;
                sumSquares += w * w;
            }
            double norm = Math.sqrt(sumSquares);
            double octave = (frqbins[k] / nChroma - CENTRE_OCTAVE) / OCTAVE_WIDTH;
            double octaveWeight = Math.exp(-0.5 * octave * octave);
            for (int c = 0; c < nChroma; c++) {
                wts[c][k] = wts[c][k] / norm * octaveWeight;
            }
        }
        int shift = 3 * (nChroma / 12);
        double[][] out = new double[nChroma][bins];
        for (int c = 0; c < nChroma; c++) {
            double[] src = wts[(c + shift) % nChroma];
            for (int k = 0; k < bins; k++) {
                out[c][k] = (float) src[k];
            }
        }
        return out;
    }
}
