package io.screamguard.core.features;

import io.screamguard.core.dsp.ChromaFilterbank;
import io.screamguard.core.dsp.Dct;
import io.screamguard.core.dsp.Decibels;
import io.screamguard.core.dsp.MelFilterbank;
import io.screamguard.core.dsp.RealFft;
import io.screamguard.core.dsp.SparseFilterbank;
import io.screamguard.core.dsp.Windows;

/**
 * The hot path: turns one uncentred STFT frame into the frame features the summary is built from,
 * with every filterbank precomputed and every buffer reused (no allocation per frame).
 *
 * <p>Layout of a frame row: {@code nMfcc} MFCCs, 12 chroma values (tuning 0, scaled to a maximum
 * of 1), ZCR, RMS, centroid (Hz), bandwidth (Hz), rolloff (Hz), flatness, then
 * {@code contrastBands + 1} spectral contrasts (dB). Bins above {@code fMaxHz} are ignored.
 * Differences from the librosa frame features, all so that a frame depends on nothing but its own
 * samples (a stream cannot see the rest of the clip): the 80 dB floor of the mel dB values and of
 * the contrast peaks and valleys is relative to the frame's own maximum, and chroma uses tuning 0
 * (librosa's tuning estimate is costly and unstable on one-second windows).
 *
 * <p>Not thread-safe: one instance per thread or stream.
 */
final class FrameAnalyzer {
    private static final int CHROMA = FeatureConfig.CHROMA_BINS;

    final int mfccOffset;
    final int chromaOffset;
    final int zcrIndex;
    final int rmsIndex;
    final int centroidIndex;
    final int bandwidthIndex;
    final int rolloffIndex;
    final int flatnessIndex;
    final int contrastOffset;
    final int width;

    private final FeatureConfig config;
    private final int bins;
    private final double[] window;
    private final RealFft fft;
    private final SparseFilterbank mel;
    private final double[][] dct;
    private final double[] chromaWeights;
    private final double[] freqsHz;
    private final SpectralContrast contrast;

    private final double[] buffer;
    private final double[] power;
    private final double[] magnitude;
    private final double[] melValues;
    private final double[] mfcc;
    private final double[] peak;
    private final double[] valley;

    FrameAnalyzer(FeatureConfig config) {
        this.config = config;
        this.bins = config.analysedBins();
        this.window = Windows.hannPeriodic(config.nFft());
        this.fft = new RealFft(config.nFft());
        this.mel = new SparseFilterbank(MelFilterbank.slaney(config.sampleRate(), config.nFft(), config.nMels(),
                config.fMinHz(), config.fMaxHz()));
        this.dct = Dct.orthonormalMatrix(config.nMfcc(), config.nMels());
        double[][] chroma = ChromaFilterbank.librosa(config.sampleRate(), config.nFft(), CHROMA, 0.0);
        this.chromaWeights = new double[bins * CHROMA];
        for (int k = 0; k < bins; k++) {
            for (int c = 0; c < CHROMA; c++) {
                chromaWeights[k * CHROMA + c] = chroma[c][k];
            }
        }
        this.freqsHz = MelFilterbank.fftFrequencies(config.sampleRate(), config.nFft());
        this.contrast = new SpectralContrast(freqsHz, bins, config.contrastBands(), config.contrastFMinHz());

        mfccOffset = 0;
        chromaOffset = config.nMfcc();
        zcrIndex = chromaOffset + CHROMA;
        rmsIndex = zcrIndex + 1;
        centroidIndex = rmsIndex + 1;
        bandwidthIndex = centroidIndex + 1;
        rolloffIndex = bandwidthIndex + 1;
        flatnessIndex = rolloffIndex + 1;
        contrastOffset = flatnessIndex + 1;
        width = contrastOffset + contrast.rows();

        buffer = new double[config.nFft()];
        power = new double[config.fftBins()];
        magnitude = new double[bins];
        melValues = new double[config.nMels()];
        mfcc = new double[config.nMfcc()];
        peak = new double[contrast.rows()];
        valley = new double[contrast.rows()];
    }

    FeatureConfig config() {
        return config;
    }

    int contrastRows() {
        return contrast.rows();
    }

    /**
     * Analyses the frame {@code samples[offset .. offset + nFft)} into {@code out[0 .. width)}.
     */
    void analyze(float[] samples, int offset, double[] out) {
        int nFft = config.nFft();
        for (int i = 0; i < nFft; i++) {
            buffer[i] = samples[offset + i] * window[i];
        }
        fft.forwardInPlace(buffer);
        RealFft.power(buffer, power, bins);
        for (int k = 0; k < bins; k++) {
            magnitude[k] = Math.sqrt(power[k]);
        }
        mfcc(out);
        chroma(out);
        out[zcrIndex] = ZeroCrossingRate.ofFrame(samples, offset, nFft);
        out[rmsIndex] = Rms.ofFrame(samples, offset, nFft);
        double centroid = SpectralShape.centroid(magnitude, freqsHz, bins);
        out[centroidIndex] = centroid;
        out[bandwidthIndex] = SpectralShape.bandwidth(magnitude, freqsHz, bins, centroid);
        out[rolloffIndex] = SpectralShape.rolloff(magnitude, freqsHz, bins, FeatureConfig.ROLLOFF_FRACTION);
        out[flatnessIndex] = flatness(power, bins);
        contrast(out);
    }

    private void mfcc(double[] out) {
        mel.apply(power, melValues);
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < melValues.length; m++) {
            double db = Decibels.powerToDb(melValues[m], Decibels.DEFAULT_AMIN);
            melValues[m] = db;
            max = Math.max(max, db);
        }
        double floor = max - Decibels.DEFAULT_TOP_DB;
        for (int m = 0; m < melValues.length; m++) {
            melValues[m] = Math.max(melValues[m], floor);
        }
        Dct.apply(dct, melValues, mfcc);
        System.arraycopy(mfcc, 0, out, mfccOffset, mfcc.length);
    }

    private void chroma(double[] out) {
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0, c10 = 0, c11 = 0;
        double[] w = chromaWeights;
        for (int k = 0, j = 0; k < bins; k++, j += CHROMA) {
            double p = power[k];
            c0 += w[j] * p;
            c1 += w[j + 1] * p;
            c2 += w[j + 2] * p;
            c3 += w[j + 3] * p;
            c4 += w[j + 4] * p;
            c5 += w[j + 5] * p;
            c6 += w[j + 6] * p;
            c7 += w[j + 7] * p;
            c8 += w[j + 8] * p;
            c9 += w[j + 9] * p;
            c10 += w[j + 10] * p;
            c11 += w[j + 11] * p;
        }
        double max = Math.max(Math.max(Math.max(c0, c1), Math.max(c2, c3)),
                Math.max(Math.max(Math.max(c4, c5), Math.max(c6, c7)), Math.max(Math.max(c8, c9), Math.max(c10, c11))));
        double scale = max < SpectralShape.TINY ? 1.0 : 1.0 / max;
        int o = chromaOffset;
        out[o] = c0 * scale;
        out[o + 1] = c1 * scale;
        out[o + 2] = c2 * scale;
        out[o + 3] = c3 * scale;
        out[o + 4] = c4 * scale;
        out[o + 5] = c5 * scale;
        out[o + 6] = c6 * scale;
        out[o + 7] = c7 * scale;
        out[o + 8] = c8 * scale;
        out[o + 9] = c9 * scale;
        out[o + 10] = c10 * scale;
        out[o + 11] = c11 * scale;
    }

    /**
     * Spectral flatness with one logarithm per frame instead of one per bin: the geometric mean is
     * taken from a running product whose binary exponent is moved aside every 16 factors (each
     * factor lies in [1e-10, 1e10], so the product can neither overflow nor underflow).
     */
    static double flatness(double[] power, int bins) {
        double product = 1.0;
        long exponent = 0;
        double sum = 0.0;
        for (int k = 0; k < bins; k++) {
            double p = Math.max(SpectralShape.FLATNESS_AMIN, power[k]);
            sum += p;
            product *= p;
            if ((k & 15) == 15) {
                int e = Math.getExponent(product);
                exponent += e;
                product = Math.scalb(product, -e);
            }
        }
        double logMean = (Math.log(product) + exponent * Math.log(2.0)) / bins;
        return Math.exp(logMean) / (sum / bins);
    }

    private void contrast(double[] out) {
        contrast.peaksAndValleys(magnitude, peak, valley);
        int rows = peak.length;
        double maxPeak = Double.NEGATIVE_INFINITY;
        double maxValley = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            peak[r] = Decibels.powerToDb(peak[r], Decibels.DEFAULT_AMIN);
            valley[r] = Decibels.powerToDb(valley[r], Decibels.DEFAULT_AMIN);
            maxPeak = Math.max(maxPeak, peak[r]);
            maxValley = Math.max(maxValley, valley[r]);
        }
        for (int r = 0; r < rows; r++) {
            double p = Math.max(peak[r], maxPeak - Decibels.DEFAULT_TOP_DB);
            double v = Math.max(valley[r], maxValley - Decibels.DEFAULT_TOP_DB);
            out[contrastOffset + r] = p - v;
        }
    }
}
