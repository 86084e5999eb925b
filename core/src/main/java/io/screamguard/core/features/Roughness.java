package io.screamguard.core.features;

import io.screamguard.core.dsp.Windows;

/**
 * Roughness of a frame: how deeply its amplitude is modulated at 30 to 150 Hz. Screams carry fast
 * amplitude modulation in this band that speech, laughter and other vocalisations mostly lack
 * (Arnal, Flinker, Kleinschmidt, Giraud and Poeppel 2015, "Human screams occupy a privileged niche
 * in the communication soundscape", Current Biology 25(15)).
 *
 * <p>Definition, from the frame's own samples only:
 * <ol>
 *   <li>amplitude envelope: the square root of the mean square over Hann-weighted blocks of
 *       {@code 2 * blockSamples} samples every {@code blockSamples} samples, {@code blockSamples}
 *       about one millisecond (16 samples at 16 kHz), so the envelope has a rate of about 1 kHz
 *       (63 values per 1024-sample frame); the overlapping Hann blocks keep the carrier's own
 *       ripple out of the modulation band</li>
 *   <li>its mean removed, weighted by a periodic Hann window, and its DFT taken at the bins from
 *       30 to 150 Hz (bins of rate / envelope length, 15.9 Hz at 16 kHz: 31.7 .. 142.9 Hz)</li>
 *   <li>roughness = the amplitude of a sinusoid with the power found in that band
 *       ({@code sqrt(4 * sum |D_k|^2 / (M * sum v^2))}), divided by the envelope's mean.</li>
 * </ol>
 * That is the amplitude-modulation index: {@code (1 + d sin(2 pi fm t)) carrier} with
 * {@code fm} in the band and {@code d < 1} gives about {@code d} (0.78 for d = 0.8 at 70 Hz,
 * the frame's envelope window and bin leakage taking the rest); a steady tone gives 0, white noise
 * about 0.12, modulation at 5 Hz (a syllable rate, too slow for one frame to see as a cycle) about
 * 0.08. Independent of gain; 0 for silence. Caveats: the envelope of a harmonic sound with a
 * fundamental below 150 Hz beats at that fundamental, so a low male voice is somewhat rough too;
 * and an abrupt onset or offset inside a frame is a step in the envelope, which has modulation at
 * every rate, so noise switched on and off 5 times a second averages about 0.3 (its frames that
 * hold a switch much more).
 *
 * <p>Holds a scratch buffer: one instance per thread ({@link #withOwnBuffer()}); the tables are
 * immutable and shared.
 */
final class Roughness {
    /** The modulation band of roughness (Arnal et al. 2015). */
    static final double BAND_LOW_HZ = 30.0;
    static final double BAND_HIGH_HZ = 150.0;
    /** Target rate of the amplitude envelope. */
    static final double ENVELOPE_RATE_HZ = 1000.0;
    /** Envelopes whose mean amplitude is below this are silence (roughness 0). */
    static final double SILENT_AMPLITUDE = 1e-12;

    private final int blockSamples;
    /** Hann weights of one envelope block ({@code 2 * blockSamples}), summing to 1. */
    private final double[] blockWeights;
    /** {@code v[m] cos(2 pi k m / M)} and {@code v[m] sin(...)} per band bin, bin-major. */
    private final double[] cosTable;
    private final double[] sinTable;
    private final int bandBins;
    /** {@code 4 / (M * sum v^2)}: band power to squared sinusoid amplitude. */
    private final double amplitudeNorm;
    private final double[] envelope;
    /**
     * The envelope before its mean is removed, of the frame that starts at stream sample
     * {@link #cachedStart} ({@code -1}: none). A later frame of the same stream that starts a whole
     * number of blocks later shares all but its last values with it (bit for bit: each value
     * depends only on the samples of its two blocks), so only the new ones are computed.
     */
    private final double[] rawEnvelope;
    private long cachedStart = -1;

    /**
     * @param sampleRateHz sample rate of the frames
     * @param frameSamples frame length in samples
     * @throws IllegalArgumentException when the frame is too short to hold a bin of the band
     */
    Roughness(double sampleRateHz, int frameSamples) {
        blockSamples = Math.max(1, (int) Math.round(sampleRateHz / ENVELOPE_RATE_HZ));
        int envelopeLength = frameSamples / blockSamples - 1;
        double envelopeRateHz = sampleRateHz / blockSamples;
        int binLow = (int) Math.ceil(BAND_LOW_HZ * envelopeLength / envelopeRateHz);
        int binHigh = (int) Math.floor(BAND_HIGH_HZ * envelopeLength / envelopeRateHz);
        binLow = Math.max(1, binLow);
        if (envelopeLength < 4 || binHigh < binLow) {
            throw new IllegalArgumentException("a frame of " + frameSamples + " samples at " + sampleRateHz
                    + " Hz is too short to measure amplitude modulation at " + BAND_LOW_HZ + ".." + BAND_HIGH_HZ
                    + " Hz (roughness); use a frame of at least 10 ms");
        }
        double[] block = Windows.hannPeriodic(2 * blockSamples);
        double blockSum = 0.0;
        for (double w : block) {
            blockSum += w;
        }
        for (int j = 0; j < block.length; j++) {
            block[j] /= blockSum;
        }
        blockWeights = block;
        double[] v = Windows.hannPeriodic(envelopeLength);
        double squares = 0.0;
        for (double w : v) {
            squares += w * w;
        }
        amplitudeNorm = 4.0 / (envelopeLength * squares);
        bandBins = binHigh - binLow + 1;
        cosTable = new double[bandBins * envelopeLength];
        sinTable = new double[bandBins * envelopeLength];
        for (int b = 0; b < bandBins; b++) {
            for (int m = 0; m < envelopeLength; m++) {
                double angle = 2.0 * Math.PI * (binLow + b) * m / envelopeLength;
                cosTable[b * envelopeLength + m] = v[m] * Math.cos(angle);
                sinTable[b * envelopeLength + m] = v[m] * Math.sin(angle);
            }
        }
        envelope = new double[envelopeLength];
        rawEnvelope = new double[envelopeLength];
    }

    private Roughness(Roughness tables) {
        blockSamples = tables.blockSamples;
        blockWeights = tables.blockWeights;
        cosTable = tables.cosTable;
        sinTable = tables.sinTable;
        bandBins = tables.bandBins;
        amplitudeNorm = tables.amplitudeNorm;
        envelope = new double[tables.envelope.length];
        rawEnvelope = new double[tables.envelope.length];
    }

    /** @return an instance sharing this one's immutable tables with a scratch buffer of its own */
    Roughness withOwnBuffer() {
        return new Roughness(this);
    }

    /** @return the number of envelope values per frame (63 at 16 kHz and 1024 samples) */
    int envelopeLength() {
        return envelope.length;
    }

    /**
     * @param samples the signal
     * @param offset first sample of the frame (the frame is {@code frameSamples} long)
     * @return the 30-150 Hz amplitude-modulation index of the frame, >= 0 (0 for a steady tone and
     *     for silence; about d for d-deep modulation in the band)
     */
    double ofFrame(float[] samples, int offset) {
        cachedStart = -1;
        envelopeFrom(samples, offset, 0);
        return fromEnvelope();
    }

    /**
     * The same value as {@link #ofFrame(float[], int)}, bit for bit, for a frame of a stream whose
     * frames are analysed in order: the envelope values this frame shares with the previous one
     * (when it starts a whole number of blocks later, as the frames of the analysis settings do:
     * a hop of 320 samples is 20 blocks of 16) are taken from that frame instead of recomputed.
     *
     * @param samples the signal
     * @param offset index of the frame's first sample in {@code samples}
     * @param streamStart position of that sample in the stream ({@code >= 0}); the caller promises that
     *     equal positions hold equal samples for every call since the last {@link #ofFrame(float[], int)}
     * @return the 30-150 Hz amplitude-modulation index of the frame, as {@link #ofFrame(float[], int)}
     */
    double ofStreamFrame(float[] samples, int offset, long streamStart) {
        int length = envelope.length;
        long shift = streamStart - cachedStart;
        int kept = 0;
        if (cachedStart >= 0 && shift > 0 && shift % blockSamples == 0 && shift / blockSamples < length) {
            int shiftBlocks = (int) (shift / blockSamples);
            kept = length - shiftBlocks;
            System.arraycopy(rawEnvelope, shiftBlocks, rawEnvelope, 0, kept);
        }
        envelopeFrom(samples, offset, kept);
        cachedStart = streamStart;
        return fromEnvelope();
    }

    /** Computes {@code rawEnvelope[from, length)} of the frame at {@code offset}. */
    private void envelopeFrom(float[] samples, int offset, int from) {
        int length = rawEnvelope.length;
        // block c of the frame feeds envelope value c (first half of the weights) and c - 1 (second half)
        double carried = blockSum(samples, offset + from * blockSamples, 0);
        for (int c = from + 1; c <= length; c++) {
            int base = offset + c * blockSamples;
            rawEnvelope[c - 1] = Math.sqrt(carried + blockSum(samples, base, blockSamples));
            if (c < length) {
                carried = blockSum(samples, base, 0);
            }
        }
    }

    private double fromEnvelope() {
        int length = envelope.length;
        System.arraycopy(rawEnvelope, 0, envelope, 0, length);
        double sum = 0.0;
        for (int m = 0; m < length; m++) {
            sum += envelope[m];
        }
        double mean = sum / length;
        if (!(mean > SILENT_AMPLITUDE)) {
            return 0.0;
        }
        for (int m = 0; m < length; m++) {
            envelope[m] -= mean;
        }
        return Math.sqrt(amplitudeNorm * bandPower()) / mean;
    }

    /**
     * {@code sum_j blockWeights[weightOffset + j] * x[base + j]^2} over one block, in four partial
     * sums (the loop is bound by throughput, not by one addition chain).
     */
    private double blockSum(float[] samples, int base, int weightOffset) {
        double[] w = blockWeights;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int j = 0;
        for (; j + 3 < blockSamples; j += 4) {
            double a = samples[base + j];
            double b = samples[base + j + 1];
            double c = samples[base + j + 2];
            double d = samples[base + j + 3];
            s0 += w[weightOffset + j] * a * a;
            s1 += w[weightOffset + j + 1] * b * b;
            s2 += w[weightOffset + j + 2] * c * c;
            s3 += w[weightOffset + j + 3] * d * d;
        }
        for (; j < blockSamples; j++) {
            double a = samples[base + j];
            s0 += w[weightOffset + j] * a * a;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sum of {@code |D_k|^2} over the band bins of the mean-removed envelope, two bins at a time. */
    private double bandPower() {
        int length = envelope.length;
        double power = 0.0;
        int b = 0;
        for (; b + 1 < bandBins; b += 2) {
            int j0 = b * length;
            int j1 = j0 + length;
            double re0 = 0.0;
            double im0 = 0.0;
            double re1 = 0.0;
            double im1 = 0.0;
            for (int m = 0; m < length; m++) {
                double e = envelope[m];
                re0 += cosTable[j0 + m] * e;
                im0 += sinTable[j0 + m] * e;
                re1 += cosTable[j1 + m] * e;
                im1 += sinTable[j1 + m] * e;
            }
            power += re0 * re0 + im0 * im0 + re1 * re1 + im1 * im1;
        }
        for (; b < bandBins; b++) {
            int j0 = b * length;
            double re0 = 0.0;
            double im0 = 0.0;
            for (int m = 0; m < length; m++) {
                re0 += cosTable[j0 + m] * envelope[m];
                im0 += sinTable[j0 + m] * envelope[m];
            }
            power += re0 * re0 + im0 * im0;
        }
        return power;
    }
}
