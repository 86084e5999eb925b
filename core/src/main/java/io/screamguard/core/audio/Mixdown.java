package io.screamguard.core.audio;

/**
 * Mono mixdown (the mean of the channels, as {@code librosa.to_mono}) and the checks every source
 * format shares. Pure static functions.
 */
final class Mixdown {

    /** The lowest sample rate accepted from a file, in Hz. */
    static final int MIN_RATE_HZ = 1000;
    /** The highest sample rate accepted from a file, in Hz. */
    static final int MAX_RATE_HZ = 384_000;

    private Mixdown() {
    }

    /**
     * The mean of one frame's channels, the mono mixdown (a mono sample passes through unchanged).
     *
     * @param channelSum the sum of the frame's samples over its channels
     * @param channels   channels per frame, >= 1
     * @return the mono sample
     */
    static float mean(float channelSum, int channels) {
        return channels == 1 ? channelSum : channelSum / channels;
    }

    /**
     * Checks a declared sample rate.
     *
     * @throws AudioDecodeException CORRUPT naming the rate when outside 1000..384000 Hz
     */
    static void checkSampleRate(long sampleRateHz, String format) throws AudioDecodeException {
        if (sampleRateHz < MIN_RATE_HZ || sampleRateHz > MAX_RATE_HZ) {
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "the " + format
                    + " header declares a sample rate of " + sampleRateHz + " Hz, outside " + MIN_RATE_HZ + ".."
                    + MAX_RATE_HZ + " Hz: the file is damaged or not a real recording; re-export it");
        }
    }

    /**
     * Checks a declared channel count.
     *
     * @throws AudioDecodeException CORRUPT when below 1
     */
    static void checkChannels(long channels, String format) throws AudioDecodeException {
        if (channels < 1) {
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "the " + format
                    + " header declares " + channels + " channels; at least 1 is needed: the file is damaged,"
                    + " re-export it");
        }
    }
}
