package io.screamguard.server.scoring;

import java.util.Locale;

/**
 * The audio format a live client announces in its hello.
 *
 * @param sampleRateHz 8000..96000
 * @param encoding     sample encoding of the binary frames
 * @param channels     1..8 interleaved channels, mixed down to mono
 */
public record StreamFormat(int sampleRateHz, Encoding encoding, int channels) {
    /** Lowest accepted sample rate. */
    public static final int MIN_RATE_HZ = 8000;
    /** Highest accepted sample rate. */
    public static final int MAX_RATE_HZ = 96000;

    public StreamFormat {
        if (sampleRateHz < MIN_RATE_HZ || sampleRateHz > MAX_RATE_HZ) {
            throw new IllegalArgumentException("sampleRate must be between " + MIN_RATE_HZ + " and "
                    + MAX_RATE_HZ + " Hz, got " + sampleRateHz);
        }
        if (encoding == null) {
            throw new IllegalArgumentException("encoding must be s16le or f32le, got null");
        }
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("channels must be between 1 and 8, got " + channels);
        }
    }

    /** Bytes of one interleaved frame (all channels of one sample instant). */
    public int frameBytes() {
        return encoding.sampleBytes() * channels;
    }

    /** Bytes per second of audio in this format. */
    public double bytesPerSecond() {
        return (double) frameBytes() * sampleRateHz;
    }

    /** PCM sample encodings of live frames. */
    public enum Encoding {
        /** Signed 16-bit little-endian. */
        S16LE(2),
        /** 32-bit IEEE float little-endian, nominal range [-1, 1]. */
        F32LE(4);

        private final int sampleBytes;

        Encoding(int sampleBytes) {
            this.sampleBytes = sampleBytes;
        }

        /** Bytes of one sample of one channel. */
        public int sampleBytes() {
            return sampleBytes;
        }

        /** Parses "s16le" or "f32le" (any case). */
        public static Encoding parse(String text) {
            if (text != null) {
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "s16le":
                        return S16LE;
                    case "f32le":
                        return F32LE;
                    default:
                        break;
                }
            }
            throw new IllegalArgumentException("encoding must be \"s16le\" or \"f32le\", got " + (text == null ? "nothing" : "\"" + text + "\""));
        }
    }
}
