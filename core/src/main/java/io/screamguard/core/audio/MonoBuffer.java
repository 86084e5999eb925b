package io.screamguard.core.audio;

import java.util.Arrays;

/**
 * Where a decoder puts its mono samples: a growing array (a whole decode in memory), or a fixed
 * block handed to a {@link MonoSink} whenever it fills (a streamed decode, constant memory). Either
 * way it refuses to go past the frame limit, so decoders of compressed formats stop as soon as the
 * audio is longer than allowed. Not thread-safe.
 */
final class MonoBuffer {

    private final long maxFrames;
    private final String format;
    private final double maxSeconds;
    private final int sampleRateHz;
    private final MonoSink sink;
    private float[] samples = new float[8192];
    private int size;
    private long flushed;

    /** Collects the samples in memory (at most {@link DecodeLimits#maxFrames}). */
    MonoBuffer(DecodeLimits limits, int sampleRateHz, String format) {
        this(limits, sampleRateHz, format, null);
    }

    /**
     * @param sink where the samples go block by block, or null to collect them in memory
     */
    MonoBuffer(DecodeLimits limits, int sampleRateHz, String format, MonoSink sink) {
        this.maxFrames = maxFrames(limits, sampleRateHz, sink);
        this.maxSeconds = limits.maxSeconds();
        this.sampleRateHz = sampleRateHz;
        this.format = format;
        this.sink = sink;
        if (sink != null) {
            sink.start(sampleRateHz);
        }
    }

    /**
     * The most frames accepted: the duration limit, and for an in-memory decode also the hard cap
     * on decoded samples ({@link DecodeLimits#maxFrames}); a streamed decode holds no samples.
     */
    static long maxFrames(DecodeLimits limits, int sampleRateHz, MonoSink sink) {
        return sink == null ? limits.maxFrames(sampleRateHz) : (long) Math.floor(limits.maxSeconds() * sampleRateHz);
    }

    /** Appends one mono sample; TOO_LONG once the limit is passed. */
    void add(float sample) throws AudioDecodeException {
        if (size == samples.length) {
            if (sink != null) {
                flush();
            } else {
                grow();
            }
        }
        samples[size++] = sample;
        if (sink != null && flushed + size > maxFrames) {
            throw tooLong(format, maxSeconds, sampleRateHz, maxFrames);
        }
    }

    /**
     * Appends a block of mono samples; TOO_LONG once the limit is passed.
     *
     * @param block  the samples (the first {@code length})
     * @param length how many, >= 0
     */
    void add(float[] block, int length) throws AudioDecodeException {
        int done = 0;
        while (done < length) {
            if (size == samples.length) {
                if (sink != null) {
                    flush();
                } else {
                    grow();
                }
            }
            int step = Math.min(length - done, samples.length - size);
            System.arraycopy(block, done, samples, size, step);
            size += step;
            done += step;
            if (sink != null && flushed + size > maxFrames) {
                throw tooLong(format, maxSeconds, sampleRateHz, maxFrames);
            }
        }
    }

    /**
     * Sizes the in-memory array for the samples a header announces, so it need not grow by copies.
     * Nothing is allocated for a streamed decode, or beyond the frame limit or {@code upTo}.
     *
     * @param frames the announced count
     * @param upTo   a bound the caller trusts more than the header (e.g. from the input's size)
     */
    void expect(long frames, long upTo) {
        long want = Math.min(Math.min(frames, upTo), maxFrames);
        if (sink == null && want > samples.length) {
            samples = Arrays.copyOf(samples, (int) want);
        }
    }

    private void flush() {
        if (size > 0) {
            sink.accept(samples, size);
            flushed += size;
            size = 0;
        }
    }

    private void grow() throws AudioDecodeException {
        if (size >= maxFrames) {
            throw tooLong(format, maxSeconds, sampleRateHz, maxFrames);
        }
        long next = Math.min(maxFrames + 1, (long) samples.length * 2);
        samples = Arrays.copyOf(samples, (int) Math.min(Integer.MAX_VALUE - 8, next));
    }

    /** Samples added so far. */
    long size() {
        return flushed + size;
    }

    /**
     * @return the samples, after a last check against the limit; for a streamed decode, the last
     *     block goes to the sink and the result is empty
     */
    float[] toArray() throws AudioDecodeException {
        if (size() > maxFrames) {
            throw tooLong(format, maxSeconds, sampleRateHz, maxFrames);
        }
        if (sink != null) {
            flush();
            return new float[0];
        }
        return size == samples.length ? samples : Arrays.copyOf(samples, size);
    }

    static AudioDecodeException tooLong(String format, double maxSeconds, int sampleRateHz, long maxFrames) {
        return new AudioDecodeException(AudioDecodeException.Kind.TOO_LONG, format,
                "the " + format + " audio is longer than the limit of " + maxSeconds + " s (" + maxFrames
                + " samples at " + sampleRateHz + " Hz): upload a shorter recording or cut it into parts");
    }
}
