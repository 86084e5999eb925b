package io.screamguard.core.audio;

import java.util.Objects;

/**
 * Decoded audio, mixed down to mono.
 *
 * <p>Samples are nominally in [-1, 1] (integer PCM is divided by 2^(bits-1)); floating-point sources
 * are passed through unclamped, as librosa does. The array is shared, not copied: treat it as
 * read-only. {@code equals} compares the array by identity, as for any record holding an array.
 *
 * @param samples          mono samples at {@code sampleRate}
 * @param sampleRate       the source sample rate in Hz (no resampling has happened yet)
 * @param originalChannels the channel count of the source before mixdown, >= 1
 * @param format           the detected container/codec: "wav", "mp3", "flac", "ogg", "m4a" or
 *                         "ffmpeg:&lt;name&gt;"
 */
public record DecodedAudio(float[] samples, int sampleRate, int originalChannels, String format) {

    /** Validates every field. */
    public DecodedAudio {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(format, "format");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0 Hz, got " + sampleRate);
        }
        if (originalChannels <= 0) {
            throw new IllegalArgumentException("originalChannels must be >= 1, got " + originalChannels);
        }
    }

    /** @return the length in seconds: samples / sampleRate */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
