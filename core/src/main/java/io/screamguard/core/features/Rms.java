package io.screamguard.core.features;

/** Root-mean-square level of a frame of samples, {@code librosa.feature.rms(y=...)}. */
final class Rms {
    private Rms() {
    }

    /**
     * @param samples the signal
     * @param offset first sample of the frame
     * @param length frame length in samples, >= 1
     * @return {@code sqrt(mean(x^2))}; a sine of amplitude A gives A / sqrt(2)
     */
    static double ofFrame(float[] samples, int offset, int length) {
        double sum = 0.0;
        for (int i = offset; i < offset + length; i++) {
            double x = samples[i];
            sum += x * x;
        }
        return Math.sqrt(sum / length);
    }
}
