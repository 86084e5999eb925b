package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The truncation policy for compressed formats: FLAC (declared length), Ogg (end-of-stream page)
 * and M4A (container structure) are TRUNCATED when cut; MP3, which declares no reliable length,
 * decodes to its complete frames.
 */
class TruncatedCompressedTest {

    private final AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, null);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tone1k_16000_mono_s16.flac", "tone1k_48000_stereo_s24.flac", "tone1k_44100_stereo.ogg",
        "tone1k_22050_mono.ogg", "tone1k_44100_stereo.m4a", "tone1k_16000_mono_faststart.m4a"})
    void rejects_a_cut_off_file_as_truncated(String name) {
        byte[] whole = Fixtures.bytes(name);
        for (double fraction : new double[] {0.3, 0.6, 0.9, 0.99}) {
            byte[] cut = Arrays.copyOf(whole, (int) (whole.length * fraction));

            AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(cut));

            assertEquals(AudioDecodeException.Kind.TRUNCATED, e.kind(), fraction + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("cut off"), e.getMessage());
        }
    }

    @Test
    void decodes_the_complete_frames_of_a_cut_off_mp3() throws AudioDecodeException {
        byte[] whole = Fixtures.bytes("tone1k_44100_stereo.mp3");
        byte[] half = Arrays.copyOf(whole, whole.length / 2);

        DecodedAudio audio = decoder.decode(half);

        assertEquals(0.5, audio.durationSeconds(), 0.06);
        assertEquals(1000.0, Signals.dominantFrequencyHz(audio.samples(), audio.sampleRate()), 3.0);
    }
}
