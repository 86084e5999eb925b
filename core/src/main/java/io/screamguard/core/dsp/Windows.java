package io.screamguard.core.dsp;

/** Analysis windows. */
public final class Windows {
    private Windows() {
    }

    /**
     * The periodic ("DFT-even") Hann window of {@code length} samples, as
     * {@code scipy.signal.get_window("hann", length, fftbins=True)} and librosa's STFT use:
     * {@code w[i] = 0.5 - 0.5 cos(2 pi i / length)}.
     *
     * @param length window length in samples, at least 1
     * @return a new array of window weights in [0, 1]
     */
    public static double[] hannPeriodic(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + length);
        }
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / length);
        }
        return w;
    }
}
