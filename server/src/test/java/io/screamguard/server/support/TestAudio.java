package io.screamguard.server.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Synthetic test signals and their WAV / PCM encodings. */
public final class TestAudio {
    private TestAudio() {
    }

    /**
     * A loud harmonic tone (fundamental plus two harmonics), the "scream": peak amplitude about 0.8.
     */
    public static float[] harmonicTone(int rate, double seconds, double fundamentalHz) {
        float[] out = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) rate;
            out[i] = (float) (0.5 * Math.sin(2 * Math.PI * fundamentalHz * t)
                    + 0.2 * Math.sin(2 * Math.PI * 2 * fundamentalHz * t)
                    + 0.1 * Math.sin(2 * Math.PI * 3 * fundamentalHz * t));
        }
        return out;
    }

    /** Quiet white noise, amplitude {@code amplitude}, seeded. */
    public static float[] noise(int rate, double seconds, double amplitude, long seed) {
        Random r = new Random(seed);
        float[] out = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * (2 * r.nextDouble() - 1));
        }
        return out;
    }

    /** Concatenation. */
    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Mono signed 16-bit little-endian PCM. */
    public static byte[] s16le(float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32767.0))));
        }
        return b.array();
    }

    /** Mono 32-bit float little-endian PCM. */
    public static byte[] f32le(float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            b.putFloat(s);
        }
        return b.array();
    }

    /** A mono 16-bit PCM WAV file. */
    public static byte[] wav(float[] samples, int rate) {
        byte[] pcm = s16le(samples);
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + pcm.length).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes()).putInt(pcm.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(pcm);
        return out.toByteArray();
    }

    /** The PCM payload of a WAV written by {@link #wav} (after its 44-byte header). */
    public static byte[] wavPayload(byte[] wav) {
        byte[] out = new byte[wav.length - 44];
        System.arraycopy(wav, 44, out, 0, out.length);
        return out;
    }
}
