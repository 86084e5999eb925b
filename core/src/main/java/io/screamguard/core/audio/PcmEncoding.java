package io.screamguard.core.audio;

import java.util.Locale;

/** Raw PCM sample encodings accepted from live streams (interleaved, little-endian). */
public enum PcmEncoding {
    /** Signed 16-bit little-endian integers, scaled by 1/32768. */
    S16LE(2),
    /** IEEE 754 32-bit little-endian floats, nominally in [-1, 1]. */
    F32LE(4);

    private final int bytesPerSample;

    PcmEncoding(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    /** @return bytes per sample of one channel: 2 or 4 */
    public int bytesPerSample() {
        return bytesPerSample;
    }

    /**
     * Parses "s16le" or "f32le" (case-insensitive, surrounding blanks ignored).
     *
     * @param name the encoding name as sent by a client
     * @return the encoding
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static PcmEncoding parse(String name) {
        if (name != null) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "s16le":
                    return S16LE;
                case "f32le":
                    return F32LE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown PCM encoding '" + name + "': expected s16le or f32le");
    }
}
