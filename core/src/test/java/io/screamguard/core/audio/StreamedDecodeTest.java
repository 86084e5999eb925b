package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link AudioDecoder#stream}: a file decoded block by block gives the samples of the in-memory decode. */
class StreamedDecodeTest {

    @TempDir
    Path dir;

    /** Collects what a stream delivers, and the largest block. */
    static final class Collecting implements MonoSink {
        int rate;
        float[] samples = new float[0];
        int size;
        int largestBlock;

        @Override
        public void start(int sampleRateHz) {
            rate = sampleRateHz;
        }

        @Override
        public void accept(float[] block, int length) {
            if (size + length > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(size + length, samples.length * 2));
            }
            System.arraycopy(block, 0, samples, size, length);
            size += length;
            largestBlock = Math.max(largestBlock, length);
        }

        float[] all() {
            return Arrays.copyOf(samples, size);
        }
    }

    static String[] javaDecoded() {
        return Fixtures.JAVA_DECODED;
    }

    static String[] ffmpegDecoded() {
        return Fixtures.FFMPEG_DECODED;
    }

    private Path file(String name) throws IOException {
        return Files.write(dir.resolve(name), Fixtures.bytes(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaDecoded")
    void a_streamed_file_gives_the_samples_of_the_whole_decode_in_small_blocks(String name) throws Exception {
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, null);
        DecodedAudio whole = decoder.decode(Fixtures.bytes(name));
        Collecting sink = new Collecting();

        StreamedAudio streamed = decoder.stream(file(name), sink);

        assertArrayEquals(whole.samples(), sink.all());
        assertEquals(whole.sampleRate(), sink.rate);
        assertEquals(new StreamedAudio(whole.format(), whole.sampleRate(), whole.originalChannels(),
                whole.samples().length), streamed);
        assertTrue(sink.largestBlock <= 8192, "blocks of at most 8192 samples, got " + sink.largestBlock);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegDecoded")
    void a_file_only_ffmpeg_decodes_is_streamed_through_it_with_the_same_samples(String name) throws Exception {
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, new FfmpegDecoder(SharedData.requireFfmpeg(), 60));
        DecodedAudio whole = decoder.decode(Fixtures.bytes(name));
        Collecting sink = new Collecting();

        StreamedAudio streamed = decoder.stream(file(name), sink);

        assertArrayEquals(whole.samples(), sink.all());
        assertEquals(whole.format(), streamed.format());
    }

    @Test
    void a_streamed_file_longer_than_the_duration_limit_is_too_long() throws Exception {
        AudioDecoder decoder = new AudioDecoder(new DecodeLimits(1 << 20, 0.5), null);

        AudioDecodeException e = assertThrows(AudioDecodeException.class,
                () -> decoder.stream(file("tone1k_44100_stereo.mp3"), new Collecting()));

        assertEquals(AudioDecodeException.Kind.TOO_LONG, e.kind());
    }

    @Test
    void an_empty_or_unknown_file_is_refused_as_by_the_whole_decode() throws Exception {
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, null);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not audio");

        assertEquals(AudioDecodeException.Kind.EMPTY,
                assertThrows(AudioDecodeException.class, () -> decoder.stream(empty, new Collecting())).kind());
        assertEquals(AudioDecodeException.Kind.UNSUPPORTED_FORMAT,
                assertThrows(AudioDecodeException.class, () -> decoder.stream(text, new Collecting())).kind());
    }

    @Test
    void a_truncated_wav_file_is_truncated_when_streamed_too() throws Exception {
        byte[] wav = Fixtures.bytes("tone1k_16000_mono_s16.wav");
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(wav, wav.length / 2));

        AudioDecodeException e = assertThrows(AudioDecodeException.class,
                () -> new AudioDecoder(DecodeLimits.DEFAULT, null).stream(cut, new Collecting()));

        assertEquals(AudioDecodeException.Kind.TRUNCATED, e.kind());
    }
}
