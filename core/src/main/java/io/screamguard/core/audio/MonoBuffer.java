package io.screamguard.core.audio;

import java.util.Arrays;

/**
 * A growing array of mono samples that refuses to grow past the frame limit, so decoders of
 * compressed formats stop as soon as the audio is longer than allowed. Not thread-safe.
 */
final class MonoBuffer {

    private final long maxFrames;
    private final String format;
    private final double maxSeconds;
    private final int sampleRateHz;
    private float[] samples = new float[8192];
    private int size;

    MonoBuffer(DecodeLimits limits, int sampleRateHz, String format) {
        this.maxFrames = limits.maxFrames(sampleRateHz);
        this.maxSeconds = limits.maxSeconds();
        this.sampleRateHz = sampleRateHz;
        this.format = format;
    }

    /** Appends one mono sample; TOO_LONG once the limit is passed. */
    void add(float sample) throws AudioDecodeException {
        if (size == samples.length) {
            grow();
        }
        samples[size++] = sample;
    }

    private void grow() throws AudioDecodeException {
        if (size >= maxFrames) {
            throw tooLong(format, maxSeconds, sampleRateHz, maxFrames);
        }
        long next = Math.min(maxFrames + 1, (long) samples.length * 2);
        samples = Arrays.copyOf(samples, (int) Math.min(Integer.MAX_VALUE - 8, next));
    }

    int size() {
        return size;
    }

    /** @return the samples, after a last check against the limit */
    float[] toArray() throws AudioDecodeException {
        if (size > maxFrames) {
            throw tooLong(format, maxSeconds, sampleRateHz, maxFrames);
        }
        return size == samples.length ? samples : Arrays.copyOf(samples, size);
    }

    static AudioDecodeException tooLong(String format, double maxSeconds, int sampleRateHz, long maxFrames) {
        return new AudioDecodeException(AudioDecodeException.Kind.TOO_LONG, format,
                "the " + format + " audio is longer than the limit of " + maxSeconds + " s (" + maxFrames
                + " samples at " + sampleRateHz + " Hz): upload a shorter recording or cut it into parts");
    }
}
