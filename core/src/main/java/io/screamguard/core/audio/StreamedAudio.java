package io.screamguard.core.audio;

/**
 * What a streamed decode ({@link AudioDecoder#stream}) found: its samples went to a {@link MonoSink}.
 *
 * @param format           as {@link DecodedAudio#format()}
 * @param sampleRate       the source rate in Hz
 * @param originalChannels channels before mixdown
 * @param frames           mono samples delivered
 */
public record StreamedAudio(String format, int sampleRate, int originalChannels, long frames) {

    /** @return the length in seconds */
    public double durationSeconds() {
        return frames / (double) sampleRate;
    }
}
