package io.screamguard.core.audio;

/**
 * Pure maths for a Kaiser-windowed sinc low-pass filter (Kaiser 1974; the design formulas of
 * Oppenheim and Schafer, "Discrete-Time Signal Processing", section 7.5.3).
 */
final class KaiserSinc {

    private KaiserSinc() {
    }

    /**
     * The Kaiser window shape parameter beta for a stopband attenuation.
     *
     * @param attenuationDb stopband attenuation in dB, > 0
     * @return beta
     */
    static double kaiserBeta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0.0;
    }

    /**
     * The filter length (taps) a Kaiser design needs for an attenuation and a transition width.
     *
     * @param attenuationDb     stopband attenuation in dB
     * @param transitionPerSample transition band width in cycles per sample (0 < width < 0.5)
     * @return the number of taps, >= 1
     */
    static int kaiserLength(double attenuationDb, double transitionPerSample) {
        double taps = (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionPerSample) + 1;
        return (int) Math.ceil(taps);
    }

    /**
     * The modified Bessel function of the first kind, order zero, by its power series.
     *
     * @param x any real value
     * @return I0(x), >= 1
     */
    static double besselI0(double x) {
        double sum = 1.0;
        double term = 1.0;
        double halfX = x / 2;
        for (int k = 1; k < 500; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    /**
     * The Kaiser window at a relative position.
     *
     * @param u    position in [-1, 1] (0 is the centre); outside it the window is 0
     * @param beta the shape parameter
     * @return the window value in [0, 1]
     */
    static double kaiserWindow(double u, double beta) {
        if (u < -1 || u > 1) {
            return 0.0;
        }
        return besselI0(beta * Math.sqrt(1 - u * u)) / besselI0(beta);
    }

    /**
     * The ideal low-pass impulse response {@code 2 fc sinc(2 fc x)}, with {@code sinc(z) = sin(pi z)/(pi z)}.
     *
     * @param x        time offset in samples
     * @param cutoffPerSample cutoff frequency in cycles per sample (0 < fc <= 0.5)
     * @return the response at x
     */
    static double lowPass(double x, double cutoffPerSample) {
        double z = 2 * cutoffPerSample * x;
        if (Math.abs(z) < 1e-12) {
            return 2 * cutoffPerSample;
        }
        return 2 * cutoffPerSample * Math.sin(Math.PI * z) / (Math.PI * z);
    }
}
