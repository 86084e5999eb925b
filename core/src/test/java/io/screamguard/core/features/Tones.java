package io.screamguard.core.features;

import java.util.Random;

/** Synthetic test signals whose right answers are known. */
final class Tones {
    private Tones() {
    }

    static float[] sine(double hz, double amplitude, int sampleRate, double seconds) {
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return s;
    }

    static float[] noise(long seed, double amplitude, int samples) {
        Random r = new Random(seed);
        float[] s = new float[samples];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * r.nextGaussian());
        }
        return s;
    }

    /** A harmonic, vibrato-modulated, loudness-swept tone with some noise: scream-ish. */
    static float[] screamLike(long seed, int sampleRate, double seconds) {
        Random r = new Random(seed);
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) sampleRate;
            double f0 = 900 + 150 * Math.sin(2 * Math.PI * 5.5 * t);
            phase += 2 * Math.PI * f0 / sampleRate;
            double v = 0;
            for (int h = 1; h <= 6; h++) {
                v += Math.sin(h * phase) / h;
            }
            double env = 0.3 + 0.2 * Math.sin(2 * Math.PI * 0.7 * t);
            s[i] = (float) (env * v * 0.5 + 0.01 * r.nextGaussian());
        }
        return s;
    }

    static float[] scaled(float[] x, double gain) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * gain);
        }
        return y;
    }
}
