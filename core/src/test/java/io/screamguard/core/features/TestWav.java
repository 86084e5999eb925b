package io.screamguard.core.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A test-only reader of the golden fixtures: 16-bit PCM mono WAV, samples = int16 / 32768. */
final class TestWav {
    final float[] samples;
    final int sampleRate;

    private TestWav(float[] samples, int sampleRate) {
        this.samples = samples;
        this.sampleRate = sampleRate;
    }

    static TestWav resource(String path) {
        try (InputStream in = TestWav.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestWav parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int rate = -1;
        int channels = -1;
        int bits = -1;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id.equals("data")) {
                if (channels != 1 || bits != 16) {
                    throw new IllegalArgumentException("only 16-bit mono, got " + channels + " ch " + bits + " bit");
                }
                int n = Math.min(size, bytes.length - pos - 8) / 2;
                float[] s = new float[n];
                for (int i = 0; i < n; i++) {
                    s[i] = b.getShort(pos + 8 + 2 * i) / 32768f;
                }
                return new TestWav(s, rate);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }
}
