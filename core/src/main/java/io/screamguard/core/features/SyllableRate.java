package io.screamguard.core.features;

/**
 * How much of a window's loudness fluctuation is at the syllable rate. Laughter is a train of
 * bursts at 4 to 6 Hz ("ha-ha-ha", Bachorowski, Smoski and Owren 2001; Provine 2000), sobbing is
 * rhythmic too, while a scream is one sustained call: so the frame RMS envelope of a laugh has its
 * modulation at 3 to 8 Hz, that of a scream little modulation at all.
 *
 * <p>The frame RMS values of the window (one per STFT hop, 50 per second at the analysis
 * settings), mean removed and weighted by a periodic Hann window, are transformed by a direct DFT
 * at every whole frequency from {@value #WIDE_LOW_HZ} to {@value #WIDE_HIGH_HZ} Hz (capped below
 * the frame rate's Nyquist frequency). Both values below are independent of gain.
 */
final class SyllableRate {
    /** The syllable band. */
    static final double BAND_LOW_HZ = 3.0;
    static final double BAND_HIGH_HZ = 8.0;
    /** The band every envelope fluctuation is measured in. */
    static final double WIDE_LOW_HZ = 1.0;
    static final double WIDE_HIGH_HZ = 20.0;
    /** Step between the analysed modulation frequencies. */
    static final double STEP_HZ = 1.0;
    /** Envelopes whose mean is below this (about -140 dBFS) are silence. */
    static final double SILENT_RMS = 1e-7;
    /**
     * Envelopes whose 1-20 Hz fluctuation is below this fraction of their mean are steady: their
     * ratio is 0 rather than the share of rounding noise.
     */
    static final double STEADY_DEPTH = 1e-6;

    private SyllableRate() {
    }

    /**
     * Squared DFT magnitude of {@code weighted} at {@code modulationHz}; the phasor is advanced by
     * one complex multiplication per frame (no trigonometry per frame: this runs twice per second
     * of every stream).
     */
    private static double power(double[] weighted, int n, double frameRateHz, double modulationHz) {
        double step = 2.0 * Math.PI * modulationHz / frameRateHz;
        double stepCos = Math.cos(step);
        double stepSin = Math.sin(step);
        double cos = 1.0;
        double sin = 0.0;
        double re = 0.0;
        double im = 0.0;
        for (int i = 0; i < n; i++) {
            re += weighted[i] * cos;
            im -= weighted[i] * sin;
            double nextCos = cos * stepCos - sin * stepSin;
            sin = sin * stepCos + cos * stepSin;
            cos = nextCos;
        }
        return re * re + im * im;
    }

    /**
     * The syllable-rate share and depth of an RMS envelope.
     *
     * @param rms frame RMS values in time order, {@code n} of them
     * @param n number of frames (fewer than 4 give zeros)
     * @param frameRateHz frames per second (sample rate / hop: 50 at the analysis settings)
     * @param out receives {@code out[0]} = ratio, the modulation power at 3-8 Hz over that at
     *     1-20 Hz (0..1; about 1 for bursts at 5 Hz, low for a 12 Hz flutter, 0 for a steady
     *     sound), and {@code out[1]} = depth, the amplitude of a sinusoid with the 3-8 Hz power
     *     divided by the mean RMS (about d for an envelope {@code 1 + d cos(2 pi 5 t)}, 0 for a
     *     steady sound and for silence)
     */
    static void ratioAndDepth(double[] rms, int n, double frameRateHz, double[] out) {
        out[0] = 0.0;
        out[1] = 0.0;
        if (n < 4) {
            return;
        }
        double mean = 0.0;
        for (int i = 0; i < n; i++) {
            mean += rms[i];
        }
        mean /= n;
        if (!(mean > SILENT_RMS)) {
            return;
        }
        double[] weighted = new double[n];
        double squares = 0.0;
        for (int i = 0; i < n; i++) {
            double v = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / n);
            weighted[i] = v * (rms[i] - mean);
            squares += v * v;
        }
        double wideHigh = Math.min(WIDE_HIGH_HZ, 0.5 * frameRateHz - STEP_HZ);
        double band = 0.0;
        double wide = 0.0;
        for (double f = WIDE_LOW_HZ; f <= wideHigh + 1e-9; f += STEP_HZ) {
            double p = power(weighted, n, frameRateHz, f);
            wide += p;
            if (f >= BAND_LOW_HZ - 1e-9 && f <= BAND_HIGH_HZ + 1e-9) {
                band += p;
            }
        }
        // sum |D(f)|^2 df over one side of a sinusoid of amplitude A is A^2 / 4 * sum v^2 * frameRate
        double toAmplitudeSquared = 4.0 * STEP_HZ / (frameRateHz * squares);
        double wideDepth = Math.sqrt(toAmplitudeSquared * wide) / mean;
        out[0] = wideDepth > STEADY_DEPTH ? band / wide : 0.0;
        out[1] = Math.sqrt(toAmplitudeSquared * band) / mean;
    }
}
