package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed fixture decodes to the right rate, length and content. */
class AudioDecoderFormatsTest {

    private final AudioDecoder javaOnly = new AudioDecoder(DecodeLimits.DEFAULT, null);

    static String[] javaDecoded() {
        return Fixtures.JAVA_DECODED;
    }

    static String[] ffmpegDecoded() {
        return Fixtures.FFMPEG_DECODED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaDecoded")
    void decodes_each_format_to_the_right_rate_duration_and_tone(String name) throws AudioDecodeException {
        DecodedAudio audio = javaOnly.decode(Fixtures.bytes(name));

        assertDecodedTone(name, audio);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        assertEquals(extension, audio.format());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegDecoded")
    void decodes_other_formats_through_ffmpeg(String name) throws AudioDecodeException {
        Path executable = SharedData.requireFfmpeg();
        AudioDecoder withFfmpeg = new AudioDecoder(DecodeLimits.DEFAULT, new FfmpegDecoder(executable, 60));

        DecodedAudio audio = withFfmpeg.decode(Fixtures.bytes(name));

        assertDecodedTone(name, audio);
        assertTrue(audio.format().startsWith("ffmpeg:"), audio.format());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegDecoded")
    void names_the_format_and_the_remedy_when_ffmpeg_is_missing(String name) {
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> javaOnly.decode(Fixtures.bytes(name)));

        assertEquals(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, e.kind());
        assertTrue(e.getMessage().contains("ffmpeg"), e.getMessage());
        assertTrue(e.getMessage().contains("WAV"), e.getMessage());
        assertTrue(!e.detectedFormat().equals("unknown"), e.detectedFormat());
    }

    @Test
    void detects_the_format_by_magic_bytes_not_by_the_file_name(@TempDir Path dir) throws Exception {
        Path misnamed = dir.resolve("really_an_ogg.wav");
        Files.write(misnamed, Fixtures.bytes("tone1k_44100_stereo.ogg"));

        DecodedAudio audio = javaOnly.decode(misnamed);

        assertEquals("ogg", audio.format());
        assertEquals(44100, audio.sampleRate());
    }

    @Test
    void refuses_a_file_larger_than_the_limit_before_reading_it(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.wav");
        Files.write(big, new byte[2048]);
        AudioDecoder small = new AudioDecoder(new DecodeLimits(1024, 600), null);

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> small.decode(big));

        assertEquals(AudioDecodeException.Kind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("2048"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaDecoded")
    void stops_compressed_and_wav_audio_longer_than_the_limit(String name) {
        AudioDecoder strict = new AudioDecoder(new DecodeLimits(DecodeLimits.DEFAULT.maxBytes(), 0.5), null);

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> strict.decode(Fixtures.bytes(name)));

        assertEquals(AudioDecodeException.Kind.TOO_LONG, e.kind());
        assertTrue(e.getMessage().contains("0.5 s"), e.getMessage());
    }

    @Test
    void decodes_concurrently_with_one_shared_instance() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<DecodedAudio>> results = new java.util.ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String name : Fixtures.JAVA_DECODED) {
                    byte[] bytes = Fixtures.bytes(name);
                    results.add(pool.submit(() -> javaOnly.decode(bytes)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                // the same samples whatever runs alongside (M4A included: JAAD's shared noise generator is reset)
                String name = Fixtures.JAVA_DECODED[i % Fixtures.JAVA_DECODED.length];
                float[] expected = javaOnly.decode(Fixtures.bytes(name)).samples();
                float[] actual = results.get(i).get().samples();
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, name);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertDecodedTone(String name, DecodedAudio audio) {
        assertEquals(Fixtures.rateOf(name), audio.sampleRate(), "rate");
        assertEquals(Fixtures.channelsOf(name), audio.originalChannels(), "channels");
        // lossy codecs add encoder delay and padding (up to ~0.1 s)
        assertEquals(1.0, audio.durationSeconds(), 0.12, "duration");
        assertEquals(1000.0, Signals.dominantFrequencyHz(audio.samples(), audio.sampleRate()), 3.0, "tone");
        float[] s = audio.samples();
        double amplitude = Signals.amplitudeAt(s, s.length / 4, s.length * 3 / 4, 1000, audio.sampleRate());
        assertEquals(0.5, amplitude, 0.05, "amplitude");
    }
}
