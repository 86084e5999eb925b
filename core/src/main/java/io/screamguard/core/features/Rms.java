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
        // four partial sums: the loop is bound by throughput, not by one addition chain
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = offset;
        int end = offset + length;
        for (; i + 3 < end; i += 4) {
            double a = samples[i];
            double b = samples[i + 1];
            double c = samples[i + 2];
            double d = samples[i + 3];
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }
        for (; i < end; i++) {
            double a = samples[i];
            s0 += a * a;
        }
        return Math.sqrt((s0 + s1 + s2 + s3) / length);
    }
}
