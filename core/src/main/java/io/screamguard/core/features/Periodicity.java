package io.screamguard.core.features;

import io.screamguard.core.dsp.RealFft;

/**
 * Periodicity of a frame: how strongly it repeats (voicing) and at which period (pitch).
 *
 * <p>The autocorrelation of the frame, low-passed at a quarter of the sample rate (computed from
 * the lower half of the power spectrum, so one inverse FFT of half the frame size), is divided by
 * the analysis window's own autocorrelation and by the energy (Boersma's normalisation) and searched
 * over lags for 60 Hz to 2 kHz. The chosen lag is the shortest local maximum within 90 % of the best
 * (this avoids octave-down errors), refined by parabolic interpolation. Voicing is the normalised
 * autocorrelation there: about 1 for a clean periodic sound, near 0 for noise and silence.
 *
 * <p>Holds a buffer: one instance per thread. The tables are immutable and shared by
 * {@link #withOwnBuffer()}.
 */
final class Periodicity {
    /** Pitch search range: from low male speech to the top of screams. */
    static final double PITCH_MIN_HZ = 60.0;
    static final double PITCH_MAX_HZ = 2000.0;
    /** Candidate lags this close to the best normalised autocorrelation count as the period. */
    private static final double PEAK_FRACTION = 0.9;

    private final double acfRateHz;
    private final RealFft inverse;
    private final double[] acf;
    /** {@code r_w(0) / r_w(lag)}: the inverse of the window's normalised autocorrelation. */
    private final double[] inverseWindowAcf;
    private final int lagMin;
    private final int lagMax;

    /**
     * @param sampleRateHz sample rate of the frames
     * @param window the analysis window ({@code nFft} weights, {@code nFft} a multiple of 4)
     */
    Periodicity(double sampleRateHz, double[] window) {
        int nFft = window.length;
        acfRateHz = sampleRateHz / 2.0;
        lagMin = Math.max(2, (int) Math.ceil(acfRateHz / PITCH_MAX_HZ));
        lagMax = Math.min(nFft / 4 - 2, (int) Math.floor(acfRateHz / PITCH_MIN_HZ));
        if (lagMax < lagMin + 2) {
            throw new IllegalArgumentException("nFft " + nFft + " is too short to search pitch from " + PITCH_MIN_HZ
                    + " to " + PITCH_MAX_HZ + " Hz at " + sampleRateHz + " Hz; use a longer FFT");
        }
        inverse = new RealFft(nFft / 2);
        acf = new double[nFft / 2];
        double[] packed = window.clone();
        new RealFft(nFft).forwardInPlace(packed);
        double[] windowPower = new double[nFft / 2 + 1];
        RealFft.power(packed, windowPower, windowPower.length);
        inverseWindowAcf = new double[nFft / 2];
        inverse.autocorrelationFromPowerUnscaled(windowPower, inverseWindowAcf);
        double w0 = inverseWindowAcf[0];
        for (int i = 0; i < inverseWindowAcf.length; i++) {
            inverseWindowAcf[i] = w0 / inverseWindowAcf[i];
        }
    }

    private Periodicity(Periodicity tables) {
        acfRateHz = tables.acfRateHz;
        inverse = tables.inverse;
        acf = new double[tables.acf.length];
        inverseWindowAcf = tables.inverseWindowAcf;
        lagMin = tables.lagMin;
        lagMax = tables.lagMax;
    }

    /**
     * @return an instance with this one's (immutable, shared) tables and a work buffer of its own:
     *     for another thread or stream
     */
    Periodicity withOwnBuffer() {
        return new Periodicity(this);
    }

    /**
     * @param power the frame's power spectrum (at least {@code nFft / 4 + 1} bins)
     * @param out receives voicing (0..1) at {@code voicingIndex} and pitch (Hz, 0 for silence) at {@code pitchIndex}
     */
    void analyze(double[] power, double[] out, int voicingIndex, int pitchIndex) {
        inverse.autocorrelationFromPowerUnscaled(power, acf);
        double energy = acf[0];
        if (!(energy > SpectralShape.TINY)) {
            out[voicingIndex] = 0.0;
            out[pitchIndex] = 0.0;
            return;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = lagMin - 1; lag <= lagMax + 1; lag++) {
            double v = acf[lag] * inverseWindowAcf[lag];
            acf[lag] = v;
            if (v > best && lag >= lagMin && lag <= lagMax) {
                best = v;
            }
        }
        double limit = PEAK_FRACTION * best;
        int chosen = lagMin;
        for (int lag = lagMin; lag <= lagMax; lag++) {
            double v = acf[lag];
            if (v >= limit && v >= acf[lag - 1] && v >= acf[lag + 1]) {
                chosen = lag;
                break;
            }
        }
        double left = acf[chosen - 1];
        double centre = acf[chosen];
        double right = acf[chosen + 1];
        double curvature = left - 2 * centre + right;
        double shift = curvature < 0 ? 0.5 * (left - right) / curvature : 0.0;
        shift = Math.max(-0.5, Math.min(0.5, shift));
        out[voicingIndex] = Math.max(0.0, Math.min(1.0, centre / energy));
        out[pitchIndex] = acfRateHz / (chosen + shift);
    }
}
