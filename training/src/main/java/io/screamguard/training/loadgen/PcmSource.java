package io.screamguard.training.loadgen;

import java.nio.ByteBuffer;

/**
 * Audio to stream, as one loop of s16le mono bytes shared read-only by every stream.
 */
final class PcmSource {

    private final byte[] s16le;
    private final int sampleRateHz;

    /**
     * @param s16le        little-endian 16-bit mono samples, an even number of bytes, at least one sample
     * @param sampleRateHz their rate
     */
    PcmSource(byte[] s16le, int sampleRateHz) {
        if (s16le.length < 2 || s16le.length % 2 != 0) {
            throw new IllegalArgumentException("s16le must hold a whole number of samples (>= 1), got "
                    + s16le.length + " bytes");
        }
        this.s16le = s16le;
        this.sampleRateHz = sampleRateHz;
    }

    /**
     * Converts samples in [-1, 1] to s16le (clipping outside that range).
     *
     * @param samples mono samples
     * @return little-endian 16-bit bytes
     */
    static byte[] toS16le(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            float clipped = Math.max(-1f, Math.min(1f, samples[i]));
            int value = Math.round(clipped * 32767f);
            out[2 * i] = (byte) value;
            out[2 * i + 1] = (byte) (value >> 8);
        }
        return out;
    }

    int sampleRateHz() {
        return sampleRateHz;
    }

    long lengthBytes() {
        return s16le.length;
    }

    double durationSeconds() {
        return s16le.length / 2.0 / sampleRateHz;
    }

    /**
     * The bytes from {@code offset} (modulo the loop length) for {@code length} bytes, wrapping
     * around the end of the loop. A slice of the shared array when it does not wrap, else a copy.
     *
     * @param offset byte offset, &gt;= 0, any size
     * @param length bytes wanted, &gt;= 0
     * @return a read-only buffer of exactly {@code length} bytes
     */
    ByteBuffer chunk(long offset, int length) {
        int start = (int) (offset % s16le.length);
        if (start + length <= s16le.length) {
            return ByteBuffer.wrap(s16le, start, length).asReadOnlyBuffer();
        }
        byte[] copy = new byte[length];
        int written = 0;
        int position = start;
        while (written < length) {
            int n = Math.min(length - written, s16le.length - position);
            System.arraycopy(s16le, position, copy, written, n);
            written += n;
            position = 0;
        }
        return ByteBuffer.wrap(copy).asReadOnlyBuffer();
    }
}
