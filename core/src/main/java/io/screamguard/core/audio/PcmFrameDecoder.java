package io.screamguard.core.audio;

import java.util.Objects;

/**
 * Turns raw interleaved little-endian PCM bytes from a live source into mono float samples.
 *
 * <p>Bytes may arrive in chunks of any size, including odd counts that split a sample or a frame:
 * the incomplete tail is kept and completed by the next call, so the concatenated output is the
 * same whatever the chunking. Channels are mixed to mono by their mean.
 *
 * <p>Not thread-safe: one instance per stream. After an exception the instance should be
 * discarded together with the stream.
 */
public final class PcmFrameDecoder {

    private final PcmEncoding encoding;
    private final int channels;
    private final int frameBytes;
    private final byte[] pending;
    private int pendingBytes;

    /**
     * @param encoding the sample encoding, not null
     * @param channels interleaved channels per frame, 1..64
     */
    public PcmFrameDecoder(PcmEncoding encoding, int channels) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("channels must be in 1..64, got " + channels);
        }
        this.channels = channels;
        this.frameBytes = channels * encoding.bytesPerSample();
        this.pending = new byte[frameBytes];
    }

    /**
     * Decodes the complete frames available after appending {@code data[offset, offset+length)}.
     *
     * @param data   the bytes received, not null
     * @param offset the first byte to use
     * @param length how many bytes to use, >= 0 (0 returns an empty array)
     * @return mono samples, one per complete frame; empty when no frame completed
     * @throws IllegalArgumentException for a bad range or a NaN/infinite f32 sample (with its index)
     */
    public float[] decode(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        if (offset < 0 || length < 0 || length > data.length - offset) {
            throw new IllegalArgumentException("range [" + offset + ", " + offset + "+" + length
                    + ") is outside an array of " + data.length + " bytes");
        }
        int totalBytes = pendingBytes + length;
        int frames = totalBytes / frameBytes;
        float[] out = new float[frames];
        int pos = offset;
        int end = offset + length;
        int f = 0;
        if (pendingBytes > 0 && frames > 0) {
            int need = frameBytes - pendingBytes;
            System.arraycopy(data, pos, pending, pendingBytes, need);
            pos += need;
            pendingBytes = 0;
            out[f++] = mixFrame(pending, 0);
        }
        if (channels == 1 && encoding == PcmEncoding.S16LE) {
            // the live path's usual format: a tight loop, the same values as mixFrame (0f + x is x,
            // and x is never -0.0)
            for (; f < frames; f++, pos += 2) {
                out[f] = (short) ((data[pos] & 0xFF) | (data[pos + 1] << 8)) / 32768f;
            }
        } else {
            for (; f < frames; f++, pos += frameBytes) {
                out[f] = mixFrame(data, pos);
            }
        }
        int rest = end - pos;
        System.arraycopy(data, pos, pending, pendingBytes, rest);
        pendingBytes += rest;
        return out;
    }

    /** @return bytes held back because they do not complete a frame yet (0..frameBytes-1) */
    public int pendingBytes() {
        return pendingBytes;
    }

    private float mixFrame(byte[] bytes, int at) {
        float sum = 0f;
        int p = at;
        for (int c = 0; c < channels; c++) {
            sum += readSample(bytes, p);
            p += encoding.bytesPerSample();
        }
        return Mixdown.mean(sum, channels);
    }

    private float readSample(byte[] b, int p) {
        if (encoding == PcmEncoding.S16LE) {
            return (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) / 32768f;
        }
        int bits = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
        float v = Float.intBitsToFloat(bits);
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("f32le sample is " + v + ": the stream must carry finite floats in [-1, 1]");
        }
        return v;
    }
}
