package io.screamguard.core.audio;

/**
 * Upper bounds for one decode, checked before memory is allocated.
 *
 * @param maxBytes   the largest accepted input in bytes (the encoded file), e.g. 25 MiB
 * @param maxSeconds the longest accepted audio in seconds, e.g. 600
 */
public record DecodeLimits(long maxBytes, double maxSeconds) {

    /** 25 MiB of input and 10 minutes of audio. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(25L * 1024 * 1024, 600.0);

    /**
     * Hard cap on decoded mono samples whatever the limits say (2^26 floats = 256 MiB), so a tiny
     * compressed file claiming hours at a high rate cannot exhaust the heap.
     */
    static final long MAX_DECODED_SAMPLES = 1L << 26;

    /** Validates both bounds. */
    public DecodeLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0, got " + maxBytes);
        }
        if (!(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
            throw new IllegalArgumentException("maxSeconds must be finite and > 0, got " + maxSeconds);
        }
    }

    /**
     * The most mono samples accepted at a given rate: {@code floor(maxSeconds * sampleRateHz)},
     * capped at {@link #MAX_DECODED_SAMPLES}.
     *
     * @param sampleRateHz the source rate in Hz, > 0
     * @return the largest accepted number of frames
     */
    long maxFrames(int sampleRateHz) {
        return Math.min(MAX_DECODED_SAMPLES, (long) Math.floor(maxSeconds * sampleRateHz));
    }
}
