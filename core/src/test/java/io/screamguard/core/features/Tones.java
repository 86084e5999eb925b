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

    /** {@code amplitude (1 + depth sin(2 pi modulationHz t)) sin(2 pi carrierHz t)}: depth is the AM index. */
    static float[] amplitudeModulated(double carrierHz, double modulationHz, double depth, double amplitude,
                                      int sampleRate, double seconds) {
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) sampleRate;
            s[i] = (float) (amplitude * (1 + depth * Math.sin(2 * Math.PI * modulationHz * t))
                    * Math.sin(2 * Math.PI * carrierHz * t));
        }
        return s;
    }

    /** {@code harmonics} equal-amplitude harmonics of {@code f0Hz}, summing to at most {@code amplitude}. */
    static float[] harmonicComplex(double f0Hz, int harmonics, double amplitude, int sampleRate, double seconds) {
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < s.length; i++) {
            double v = 0;
            for (int h = 1; h <= harmonics; h++) {
                v += Math.sin(2 * Math.PI * h * f0Hz * i / sampleRate);
            }
            s[i] = (float) (amplitude * v / harmonics);
        }
        return s;
    }

    /**
     * A harmonic complex (3 harmonics, 1, 1/2, 1/3) whose fundamental glides exponentially from
     * {@code fromHz} to {@code toHz} over {@code seconds}: a constant 12 log2(to / from) / seconds
     * semitones per second.
     */
    static float[] glide(double fromHz, double toHz, double amplitude, int sampleRate, double seconds) {
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        double octavesPerSecond = Math.log(toHz / fromHz) / Math.log(2) / seconds;
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) sampleRate;
            s[i] = (float) (amplitude * (Math.sin(phase) + Math.sin(2 * phase) / 2 + Math.sin(3 * phase) / 3) / 1.8);
            phase += 2 * Math.PI * fromHz * Math.pow(2, octavesPerSecond * t) / sampleRate;
        }
        return s;
    }

    /** White-noise bursts {@code rateHz} times a second, each lasting half the period, silence between. */
    static float[] noiseBursts(long seed, double rateHz, double amplitude, int sampleRate, double seconds) {
        float[] s = noise(seed, amplitude, (int) Math.round(seconds * sampleRate));
        for (int i = 0; i < s.length; i++) {
            double cycle = i * rateHz / sampleRate;
            if (cycle - Math.floor(cycle) >= 0.5) {
                s[i] = 0;
            }
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
