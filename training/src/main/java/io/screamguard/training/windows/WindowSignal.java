package io.screamguard.training.windows;

/** Window positions and loudness of a signal: pure functions. */
public final class WindowSignal {

    private WindowSignal() {
    }

    /**
     * Number of windows of {@code windowSamples} every {@code hopSamples} in a signal: full windows
     * only, and one (zero-padded) window when the signal is shorter than a window but not empty.
     */
    public static int windowCount(int signalSamples, int windowSamples, int hopSamples) {
        if (signalSamples <= 0) {
            return 0;
        }
        if (signalSamples < windowSamples) {
            return 1;
        }
        return (signalSamples - windowSamples) / hopSamples + 1;
    }

    /**
     * RMS of {@code windowSamples} samples starting at {@code start}; samples past the end count
     * as zeros (a short clip's single window is zero-padded).
     */
    public static double rms(float[] signal, int start, int windowSamples) {
        double sum = 0;
        int end = Math.min(signal.length, start + windowSamples);
        for (int i = Math.max(0, start); i < end; i++) {
            sum += (double) signal[i] * signal[i];
        }
        return Math.sqrt(sum / windowSamples);
    }

    /** The RMS of every window, as {@link #windowCount} windows. */
    public static double[] windowRms(float[] signal, int windowSamples, int hopSamples) {
        int count = windowCount(signal.length, windowSamples, hopSamples);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rms(signal, i * hopSamples, windowSamples);
        }
        return out;
    }
}
