package io.screamguard.core.audio;

/** Synthetic test signals whose right answers are known, and small measurements on them. */
final class Signals {

    private Signals() {
    }

    /** A sine of the given frequency and amplitude, sampled at rateHz. */
    static float[] sine(double frequencyHz, double amplitude, int rateHz, int samples) {
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequencyHz * i / rateHz));
        }
        return out;
    }

    /** Root mean square of x[from, to). */
    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** The amplitude of the component at frequencyHz in x[from, to), by projection on sin and cos. */
    static double amplitudeAt(float[] x, int from, int to, double frequencyHz, int rateHz) {
        double re = 0;
        double im = 0;
        int n = to - from;
        for (int i = from; i < to; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from) / (n - 1));
            double phase = 2 * Math.PI * frequencyHz * i / rateHz;
            re += w * x[i] * Math.cos(phase);
            im += w * x[i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / (0.5 * n);
    }

    /** The frequency in Hz of the strongest component of x, by a coarse scan refined to 1 Hz. */
    static double dominantFrequencyHz(float[] x, int rateHz) {
        int from = Math.max(x.length / 10, x.length / 2 - 4096);
        int to = Math.min(x.length - x.length / 10, x.length / 2 + 4096);
        int coarseTo = Math.min(to, from + 2048);
        double best = 0;
        double bestHz = 0;
        for (double f = 20; f < rateHz / 2.0; f += 10) {
            double a = amplitudeAt(x, from, coarseTo, f, rateHz);
            if (a > best) {
                best = a;
                bestHz = f;
            }
        }
        best = 0;
        double refined = bestHz;
        for (double f = bestHz - 10; f <= bestHz + 10; f += 1) {
            double a = amplitudeAt(x, from, to, f, rateHz);
            if (a > best) {
                best = a;
                refined = f;
            }
        }
        return refined;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
