package io.screamguard.core.audio;

/**
 * The STREAMINFO block of a FLAC file (RFC 9639 section 8.2): what every frame must agree with.
 *
 * @param sampleRateHz   the sample rate, 1..1048575 Hz as coded (the decoder checks the accepted range)
 * @param channels       channels per frame, 1..8
 * @param bitsPerSample  bits per sample, 1..32 as coded (the decoder accepts 4..32)
 * @param totalSamples   samples per channel in the stream, 0 when unknown
 * @param maxBlockSize   the largest block in the stream, 16..65535 (informative; frames are checked one by one)
 */
record FlacStreamInfo(int sampleRateHz, int channels, int bitsPerSample, long totalSamples, int maxBlockSize) {

    /** Checks the ranges the field widths allow. */
    FlacStreamInfo {
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("channels must be 1..8, got " + channels);
        }
        if (bitsPerSample < 1 || bitsPerSample > 32) {
            throw new IllegalArgumentException("bitsPerSample must be 1..32, got " + bitsPerSample);
        }
        if (totalSamples < 0) {
            throw new IllegalArgumentException("totalSamples must be >= 0, got " + totalSamples);
        }
    }
}
