package io.screamguard.core.detection;

import java.util.SplittableRandom;

/** Synthetic signals whose right answer is known, for the detection tests. */
final class TestAudio {

    private TestAudio() {
    }

    /** Silence with a burst of seeded white noise of the given amplitude from {@code fromSeconds} to {@code toSeconds}. */
    static float[] burst(int rateHz, double seconds, double fromSeconds, double toSeconds, double amplitude, long seed) {
        float[] out = new float[(int) Math.round(seconds * rateHz)];
        SplittableRandom random = new SplittableRandom(seed);
        int from = (int) Math.round(fromSeconds * rateHz);
        int to = (int) Math.round(toSeconds * rateHz);
        for (int i = from; i < to && i < out.length; i++) {
            out[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    /** A sine tone plus quiet seeded noise, so that every window has a distinct summary. */
    static float[] toneWithNoise(int rateHz, double seconds, double frequencyHz, double amplitude, long seed) {
        float[] out = new float[(int) Math.round(seconds * rateHz)];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < out.length; i++) {
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.3 * i / rateHz);
            out[i] = (float) (amplitude * envelope * Math.sin(2 * Math.PI * frequencyHz * i / rateHz)
                    + 0.01 * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    /** Little-endian 16-bit interleaved bytes of mono samples repeated on every channel. */
    static byte[] s16le(float[] mono, int channels) {
        byte[] out = new byte[mono.length * 2 * channels];
        int o = 0;
        for (float sample : mono) {
            int value = Math.round(Math.max(-1f, Math.min(1f, sample)) * 32767f);
            for (int c = 0; c < channels; c++) {
                out[o++] = (byte) value;
                out[o++] = (byte) (value >> 8);
            }
        }
        return out;
    }

    /** The samples an s16le round trip gives (what a server decodes from those bytes). */
    static float[] s16Quantized(float[] mono) {
        float[] out = new float[mono.length];
        for (int i = 0; i < mono.length; i++) {
            int value = Math.round(Math.max(-1f, Math.min(1f, mono[i])) * 32767f);
            out[i] = value / 32768f;
        }
        return out;
    }
}
