package io.screamguard.core.dsp;

/**
 * Short-time framing: how many frames a signal yields and how centred (librosa) framing pads it.
 *
 * <p>Centred framing pads {@code nFft / 2} samples on both sides (with zeros for
 * {@code pad_mode="constant"}, or by repeating the edge sample for {@code mode="edge"}) so frame
 * {@code t} is centred on sample {@code t * hop}; uncentred framing starts frame {@code t} at
 * sample {@code t * hop}, which is what a live stream can do without looking ahead.
 */
public final class Framing {
    private Framing() {
    }

    /** How the samples outside the signal are filled when centring. */
    public enum Padding {
        /** zeros, librosa's {@code pad_mode="constant"} (STFT and RMS) */
        CONSTANT,
        /** the first or last sample repeated, numpy's {@code mode="edge"} (zero-crossing rate) */
        EDGE
    }

    /**
     * @param signalSamples signal length in samples, >= 0
     * @param frameSamples frame length in samples, >= 1
     * @param hopSamples hop in samples, >= 1
     * @param centred whether the signal is padded by {@code frameSamples / 2} on both sides
     * @return the number of whole frames (0 when the (padded) signal is shorter than a frame)
     */
    public static int frameCount(int signalSamples, int frameSamples, int hopSamples, boolean centred) {
        if (signalSamples < 0 || frameSamples < 1 || hopSamples < 1) {
            throw new IllegalArgumentException("need signalSamples >= 0, frameSamples >= 1, hopSamples >= 1, got "
                    + signalSamples + ", " + frameSamples + ", " + hopSamples);
        }
        long padded = signalSamples + (centred ? 2L * (frameSamples / 2) : 0L);
        if (padded < frameSamples) {
            return 0;
        }
        return (int) (1 + (padded - frameSamples) / hopSamples);
    }

    /**
     * Returns {@code signal} padded by {@code padSamples} on both sides.
     *
     * @param signal the samples
     * @param padSamples samples added at each end, >= 0
     * @param padding how to fill them
     * @return a new array of length {@code signal.length + 2 * padSamples}
     */
    public static float[] pad(float[] signal, int padSamples, Padding padding) {
        if (padSamples < 0) {
            throw new IllegalArgumentException("padSamples must be >= 0, got " + padSamples);
        }
        float[] out = new float[signal.length + 2 * padSamples];
        System.arraycopy(signal, 0, out, padSamples, signal.length);
        if (padding == Padding.EDGE && signal.length > 0) {
            java.util.Arrays.fill(out, 0, padSamples, signal[0]);
            java.util.Arrays.fill(out, padSamples + signal.length, out.length, signal[signal.length - 1]);
        }
        return out;
    }
}
