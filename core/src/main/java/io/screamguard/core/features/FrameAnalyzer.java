package io.screamguard.core.features;

import io.screamguard.core.dsp.Decibels;
import io.screamguard.core.dsp.RealFft;
import io.screamguard.core.dsp.SparseFilterbank;

/**
 * The hot path: turns one uncentred STFT frame into the frame features the summary is built from,
 * with every filterbank precomputed and every buffer reused (no allocation per frame).
 *
 * <p>Layout of a frame row: {@code nMfcc} MFCCs, 12 chroma values (tuning 0, scaled to a maximum
 * of 1), ZCR, RMS, centroid (Hz), bandwidth (Hz), rolloff (Hz), flatness, then
 * {@code contrastBands + 1} spectral contrasts (dB), voicing (0..1), pitch (Hz) and roughness
 * (the 30-150 Hz amplitude-modulation index of the frame's envelope, see {@link Roughness}). Bins above
 * {@code fMaxHz} are ignored.
 * Differences from the librosa frame features, all so that a frame depends on nothing but its own
 * samples (a stream cannot see the rest of the clip): the 80 dB floor of the mel dB values and of
 * the contrast peaks and valleys is relative to the frame's own maximum, and chroma uses tuning 0
 * (librosa's tuning estimate is costly and unstable on one-second windows).
 *
 * <p>Not thread-safe: one instance per thread or stream. The tables are the shared
 * {@link FeaturePlan} of the configuration; an instance only owns its scratch buffers.
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
    final int voicingIndex;
    final int pitchIndex;
    final int roughnessIndex;
    final int width;

    private final FeatureConfig config;
    private final FeaturePlan plan;
    private final int bins;
    private final double[] window;
    private final RealFft fft;
    private final SparseFilterbank mel;
    private final double[] dctByMel;
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
    private final Periodicity periodicity;
    private final Roughness roughness;
    private final boolean withChroma;
    private final boolean withContrast;

    /** An analyser on the shared plan of {@code config}. */
    FrameAnalyzer(FeatureConfig config) {
        this(FeaturePlan.of(config));
    }

    /** An analyser of its own buffers on the shared, immutable tables of {@code plan}. */
    FrameAnalyzer(FeaturePlan plan) {
        this(plan, true, true);
    }

    /**
     * An analyser that may leave out the chroma or the spectral contrast (their columns are then
     * NaN): for a stream whose classifier reads neither.
     */
    FrameAnalyzer(FeaturePlan plan, boolean withChroma, boolean withContrast) {
        this.withChroma = withChroma;
        this.withContrast = withContrast;
        this.plan = plan;
        this.config = plan.config;
        this.bins = plan.bins;
        this.window = plan.window;
        this.fft = plan.fft;
        this.mel = plan.mel;
        this.dctByMel = plan.dctByMel;
        this.chromaWeights = plan.chromaWeights;
        this.freqsHz = plan.freqsHz;
        this.contrast = plan.contrast.withOwnScratch();

        mfccOffset = plan.mfccOffset;
        chromaOffset = plan.chromaOffset;
        zcrIndex = plan.zcrIndex;
        rmsIndex = plan.rmsIndex;
        centroidIndex = plan.centroidIndex;
        bandwidthIndex = plan.bandwidthIndex;
        rolloffIndex = plan.rolloffIndex;
        flatnessIndex = plan.flatnessIndex;
        contrastOffset = plan.contrastOffset;
        voicingIndex = plan.voicingIndex;
        pitchIndex = plan.pitchIndex;
        roughnessIndex = plan.roughnessIndex;
        width = plan.width;
        periodicity = plan.periodicity.withOwnBuffer();
        roughness = plan.roughness.withOwnBuffer();

        buffer = new double[config.nFft()];
        power = new double[config.fftBins()];
        magnitude = new double[bins];
        melValues = new double[config.nMels()];
        mfcc = new double[config.nMfcc()];
        peak = new double[contrast.rows()];
        valley = new double[contrast.rows()];
    }

    /** @return the shared tables this analyser uses */
    FeaturePlan plan() {
        return plan;
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
        spectral(samples, offset, out);
        out[roughnessIndex] = roughness.ofFrame(samples, offset);
    }

    /**
     * Analyses a frame of a stream whose frames come in order, into {@code out[0 .. width)}: the same
     * values as {@link #analyze(float[], int, double[])} bit for bit, but work the frame shares with
     * the previous one (the roughness envelope of their overlap) is reused.
     *
     * @param streamStart position in the stream of {@code samples[offset]}; equal positions must hold
     *     equal samples for every call since the last {@link #analyze(float[], int, double[])}
     */
    void analyzeStreamFrame(float[] samples, int offset, long streamStart, double[] out) {
        spectral(samples, offset, out);
        out[roughnessIndex] = roughness.ofStreamFrame(samples, offset, streamStart);
    }

    private void spectral(float[] samples, int offset, double[] out) {
        timeDomain(samples, offset, out);
        fft.forwardInPlace(buffer);
        RealFft.power(buffer, power, bins);
        mfcc(out);
        if (withChroma) {
            chroma(out);
        } else {
            java.util.Arrays.fill(out, chromaOffset, chromaOffset + CHROMA, Double.NaN);
        }
        spectralShape(out);
        periodicity.analyze(power, out, voicingIndex, pitchIndex);
        if (withContrast) {
            contrast(out);
        } else {
            java.util.Arrays.fill(out, contrastOffset, contrastOffset + peak.length, Double.NaN);
        }
    }

    /**
     * One pass over the frame's samples: the windowed FFT input, the RMS and the zero-crossing
     * rate (same definitions as {@link Rms} and {@link ZeroCrossingRate}, fused to read the
     * samples once).
     */
    private void timeDomain(float[] samples, int offset, double[] out) {
        int nFft = config.nFft();
        double sumSquares0 = 0.0;
        double sumSquares1 = 0.0;
        double sumSquares2 = 0.0;
        double sumSquares3 = 0.0;
        int crossings0 = 0;
        int crossings1 = 0;
        int previous = samples[offset] < -ZeroCrossingRate.THRESHOLD ? 1 : 0;
        // nFft is even and >= 16; four samples per step, the tail (nFft % 4 == 2) after the loop
        int i = 0;
        for (; i + 3 < nFft; i += 4) {
            float a = samples[offset + i];
            float b = samples[offset + i + 1];
            float c = samples[offset + i + 2];
            float d = samples[offset + i + 3];
            buffer[i] = a * window[i];
            buffer[i + 1] = b * window[i + 1];
            buffer[i + 2] = c * window[i + 2];
            buffer[i + 3] = d * window[i + 3];
            sumSquares0 += (double) a * a;
            sumSquares1 += (double) b * b;
            sumSquares2 += (double) c * c;
            sumSquares3 += (double) d * d;
            int negativeA = a < -ZeroCrossingRate.THRESHOLD ? 1 : 0;
            int negativeB = b < -ZeroCrossingRate.THRESHOLD ? 1 : 0;
            int negativeC = c < -ZeroCrossingRate.THRESHOLD ? 1 : 0;
            int negativeD = d < -ZeroCrossingRate.THRESHOLD ? 1 : 0;
            crossings0 += (negativeA ^ previous) + (negativeC ^ negativeB);
            crossings1 += (negativeB ^ negativeA) + (negativeD ^ negativeC);
            previous = negativeD;
        }
        for (; i < nFft; i++) {
            float a = samples[offset + i];
            buffer[i] = a * window[i];
            sumSquares0 += (double) a * a;
            int negativeA = a < -ZeroCrossingRate.THRESHOLD ? 1 : 0;
            crossings0 += negativeA ^ previous;
            previous = negativeA;
        }
        out[rmsIndex] = Math.sqrt((sumSquares0 + sumSquares1 + sumSquares2 + sumSquares3) / nFft);
        out[zcrIndex] = (crossings0 + crossings1) / (double) nFft;
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
        // mel-major DCT: each MFCC is its own accumulator, so the loop is not one long addition chain
        int nMfcc = mfcc.length;
        java.util.Arrays.fill(mfcc, 0.0);
        for (int m = 0, j = 0; m < melValues.length; m++, j += nMfcc) {
            double x = melValues[m];
            for (int k = 0; k < nMfcc; k++) {
                mfcc[k] += dctByMel[j + k] * x;
            }
        }
        System.arraycopy(mfcc, 0, out, mfccOffset, nMfcc);
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
     * Magnitudes, centroid, bandwidth, rolloff and flatness in one pass over the bins (plus a
     * partial pass for the rolloff). Same definitions as {@link SpectralShape}, arranged for speed:
     * the bandwidth comes from {@code E[f^2] - centroid^2}, the rolloff is accumulated in double,
     * and the geometric mean of the flatness is taken from a running product whose binary exponent
     * is moved aside every 16 factors (each factor lies in [1e-10, 1e10], so it can neither
     * overflow nor underflow) instead of one logarithm per bin.
     */
    private void spectralShape(double[] out) {
        // two interleaved sets of sums so that no single addition chain bounds the loop
        double total0 = 0.0;
        double total1 = 0.0;
        double first0 = 0.0;
        double first1 = 0.0;
        double second0 = 0.0;
        double second1 = 0.0;
        double powerSum0 = 0.0;
        double powerSum1 = 0.0;
        double product0 = 1.0;
        double product1 = 1.0;
        long exponent = 0;
        double[] f = freqsHz;
        double amin = SpectralShape.FLATNESS_AMIN;
        int k = 0;
        for (; k + 1 < bins; k += 2) {
            double p0 = power[k];
            double p1 = power[k + 1];
            double m0 = Math.sqrt(p0);
            double m1 = Math.sqrt(p1);
            magnitude[k] = m0;
            magnitude[k + 1] = m1;
            double mf0 = m0 * f[k];
            double mf1 = m1 * f[k + 1];
            total0 += m0;
            total1 += m1;
            first0 += mf0;
            first1 += mf1;
            second0 += mf0 * f[k];
            second1 += mf1 * f[k + 1];
            double floored0 = p0 > amin ? p0 : amin;
            double floored1 = p1 > amin ? p1 : amin;
            powerSum0 += floored0;
            powerSum1 += floored1;
            product0 *= floored0;
            product1 *= floored1;
            if ((k & 30) == 30) {
                int e0 = Math.getExponent(product0);
                int e1 = Math.getExponent(product1);
                exponent += e0 + e1;
                product0 = dropExponent(product0, e0);
                product1 = dropExponent(product1, e1);
            }
        }
        for (; k < bins; k++) {
            double p0 = power[k];
            double m0 = Math.sqrt(p0);
            magnitude[k] = m0;
            double mf0 = m0 * f[k];
            total0 += m0;
            first0 += mf0;
            second0 += mf0 * f[k];
            double floored0 = p0 > amin ? p0 : amin;
            powerSum0 += floored0;
            product0 *= floored0;
        }
        double total = total0 + total1;
        double first = first0 + first1;
        double second = second0 + second1;
        double powerSum = powerSum0 + powerSum1;
        double logProduct = Math.log(product0) + Math.log(product1) + exponent * Math.log(2.0);
        double norm = total < SpectralShape.TINY ? 1.0 : total;
        double centroid = first / norm;
        out[centroidIndex] = centroid;
        out[bandwidthIndex] = Math.sqrt(Math.max(0.0, second / norm - centroid * centroid * (total / norm)));
        double threshold = FeatureConfig.ROLLOFF_FRACTION * total;
        double cumulative = 0.0;
        k = 0;
        while (k < bins - 1) {
            cumulative += magnitude[k];
            if (cumulative >= threshold) {
                break;
            }
            k++;
        }
        out[rolloffIndex] = f[k];
        double logMean = logProduct / bins;
        out[flatnessIndex] = Math.exp(logMean) / (powerSum / bins);
    }

    /**
     * {@code x * 2^-exponent} where {@code exponent} is {@code Math.getExponent(x)}: exactly
     * {@code Math.scalb(x, -exponent)} (a multiplication by a power of two whose result is normal is
     * exact), but a multiplication by a constant built from bits instead of scalb's slow general path
     * (which took 8 % of the frame analysis). Infinities, NaN, zero and subnormals (exponent 1024
     * or -1023) take scalb.
     */
    static double dropExponent(double x, int exponent) {
        if (exponent > Double.MIN_EXPONENT - 1 && exponent < Double.MAX_EXPONENT) {
            return x * Double.longBitsToDouble((long) (Double.MAX_EXPONENT - exponent) << 52);
        }
        return Math.scalb(x, -exponent);
    }

    /** Spectral flatness of the first {@code bins} powers, as {@link SpectralShape#flatness}. */
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
                product = dropExponent(product, e);
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
