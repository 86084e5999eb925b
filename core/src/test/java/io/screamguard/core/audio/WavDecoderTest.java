package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WavDecoderTest {

    private final AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, null);
    private final float[] tone = Signals.sine(440, 0.6, 16000, 1600);

    @ParameterizedTest(name = "tag {0}, {1} bits, {2}")
    @CsvSource({"1,8,RIFF,0.01", "1,16,RIFF,1e-4", "1,24,RIFF,1e-6", "1,32,RIFF,1e-7", "3,32,RIFF,0", "3,64,RIFF,0",
        "1,16,RIFX,1e-4", "1,24,RIFX,1e-6", "3,32,RIFX,0", "3,64,RIFX,0"})
    void decodes_pcm_and_float_of_every_supported_depth(int tag, int bits, String riffId, double tolerance)
            throws AudioDecodeException {
        WavBuilder wav = new WavBuilder().riffId(riffId).format(tag, 1, 16000, bits);
        byte[] file = wav.data(wav.encode(tone)).build();

        DecodedAudio audio = decoder.decode(file);

        assertEquals(16000, audio.sampleRate());
        assertEquals(1, audio.originalChannels());
        assertEquals("wav", audio.format());
        assertEquals(tone.length, audio.samples().length);
        for (int i = 0; i < tone.length; i++) {
            assertEquals(tone[i], audio.samples()[i], tolerance + 1e-7, "sample " + i);
        }
    }

    @ParameterizedTest(name = "tag {0}, {1} bits")
    @CsvSource({"1,16", "1,24", "1,32", "3,32"})
    void decodes_wave_format_extensible(int tag, int bits) throws AudioDecodeException {
        WavBuilder wav = new WavBuilder().format(tag, 2, 48000, bits).extensible();
        byte[] file = wav.data(wav.encode(tone, tone)).build();

        DecodedAudio audio = decoder.decode(file);

        assertEquals(48000, audio.sampleRate());
        assertEquals(2, audio.originalChannels());
        assertEquals(tone[100], audio.samples()[100], 1e-4);
    }

    @Test
    void mixes_any_number_of_channels_to_their_mean() throws AudioDecodeException {
        float[][] channels = new float[6][4];
        for (int c = 0; c < 6; c++) {
            Arrays.fill(channels[c], (c - 2) * 0.1f);
        }
        WavBuilder wav = new WavBuilder().format(3, 6, 8000, 32);
        byte[] file = wav.data(wav.encode(channels)).build();

        DecodedAudio audio = decoder.decode(file);

        assertEquals(6, audio.originalChannels());
        // (-0.2 - 0.1 + 0 + 0.1 + 0.2 + 0.3) / 6
        assertEquals(0.05f, audio.samples()[0], 1e-6f);
    }

    @Test
    void mixes_a_stereo_file_whose_channels_cancel_to_silence() throws AudioDecodeException {
        float[] inverted = new float[tone.length];
        for (int i = 0; i < tone.length; i++) {
            inverted[i] = -tone[i];
        }
        WavBuilder wav = new WavBuilder().format(3, 2, 16000, 32);
        byte[] file = wav.data(wav.encode(tone, inverted)).build();

        DecodedAudio audio = decoder.decode(file);

        assertEquals(0.0, Signals.rms(audio.samples(), 0, audio.samples().length), 1e-9);
    }

    @Test
    void skips_unknown_chunks_with_their_odd_padding_and_accepts_data_before_fmt() throws AudioDecodeException {
        WavBuilder wav = new WavBuilder().format(1, 1, 22050, 16).chunk("LIST", 7).chunk("junk", 1).dataBeforeFmt();
        byte[] file = wav.data(wav.encode(tone)).build();

        DecodedAudio audio = decoder.decode(file);

        assertEquals(22050, audio.sampleRate());
        assertEquals(tone.length, audio.samples().length);
        assertEquals(tone[7], audio.samples()[7], 1e-4);
    }

    @Test
    void reads_to_the_end_of_the_file_when_the_data_size_is_the_unknown_length_marker() throws AudioDecodeException {
        WavBuilder wav = new WavBuilder().format(1, 1, 16000, 16).declaredDataSize(0xFFFFFFFFL);
        byte[] file = wav.data(wav.encode(tone)).build();

        DecodedAudio audio = decoder.decode(file);

        assertEquals(tone.length, audio.samples().length);
    }

    @Test
    void rejects_a_truncated_wav_whose_data_ends_early() {
        WavBuilder wav = new WavBuilder().format(1, 1, 16000, 16);
        byte[] whole = wav.data(wav.encode(tone)).build();
        byte[] cut = Arrays.copyOf(whole, whole.length - 1000);

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(cut));

        assertEquals(AudioDecodeException.Kind.TRUNCATED, e.kind());
        assertTrue(e.getMessage().contains("declares 3200 bytes"), e.getMessage());
    }

    @Test
    void rejects_every_cut_of_the_header_as_truncated() {
        WavBuilder wav = new WavBuilder().format(1, 2, 16000, 16);
        byte[] whole = wav.data(wav.encode(tone, tone)).build();

        for (int length = 4; length <= 44; length++) {
            byte[] cut = Arrays.copyOf(whole, length);

            AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(cut));

            assertEquals(AudioDecodeException.Kind.TRUNCATED, e.kind(), "cut at " + length + ": " + e.getMessage());
            assertEquals("wav", e.detectedFormat());
        }
    }

    @Test
    void rejects_zero_channels() {
        byte[] file = new WavBuilder().format(1, 0, 16000, 16).blockAlign(2).data(new byte[100]).build();

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(file));

        assertEquals(AudioDecodeException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("0 channels"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 999, 384001, 4_000_000_000L})
    void rejects_an_absurd_sample_rate(long rateHz) {
        byte[] file = new WavBuilder().format(1, 1, rateHz, 16).data(new byte[100]).build();

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(file));

        assertEquals(AudioDecodeException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains(rateHz + " Hz"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void rejects_nan_and_infinite_float_samples(float bad) {
        float[] samples = tone.clone();
        samples[123] = bad;
        WavBuilder wav = new WavBuilder().format(3, 1, 16000, 32);
        byte[] file = wav.data(wav.encode(samples)).build();

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(file));

        assertEquals(AudioDecodeException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains(String.valueOf(bad)) && e.getMessage().contains("frame 123"), e.getMessage());
    }

    @Test
    void rejects_a_wav_without_samples_as_empty() {
        byte[] file = new WavBuilder().format(1, 1, 16000, 16).build();

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(file));

        assertEquals(AudioDecodeException.Kind.EMPTY, e.kind());
    }

    @Test
    void rejects_an_inconsistent_block_align() {
        byte[] file = new WavBuilder().format(1, 1, 16000, 16).blockAlign(5).data(new byte[100]).build();

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(file));

        assertEquals(AudioDecodeException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("block align 5"), e.getMessage());
    }

    @Test
    void names_a_codec_it_leaves_to_ffmpeg() {
        byte[] file = new WavBuilder().format(6, 1, 8000, 8).data(new byte[100]).build();

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(file));

        assertEquals(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, e.kind());
        assertEquals("wav-alaw", e.detectedFormat());
        assertTrue(e.getMessage().contains("ffmpeg"), e.getMessage());
    }

    @Test
    void refuses_a_header_claiming_4_gb_of_data_without_allocating_it() {
        byte[] file = new WavBuilder().format(1, 2, 48000, 16).declaredDataSize(0xFFFFFFF0L).data(new byte[64]).build();
        long before = allocatedBytes();

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(file));

        assertEquals(AudioDecodeException.Kind.TRUNCATED, e.kind());
        assertTrue(allocatedBytes() - before < 16L * 1024 * 1024, "allocated " + (allocatedBytes() - before));
    }

    @Test
    void refuses_an_rf64_header_claiming_a_terabyte_without_allocating_it() {
        ByteBuffer b = ByteBuffer.allocate(12 + 36 + 24 + 8 + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RF64".getBytes()).putInt(-1).put("WAVE".getBytes());
        b.put("ds64".getBytes()).putInt(28).putLong(1L << 40).putLong(1L << 40).putLong(1L << 38).putInt(0);
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(48000).putInt(192000)
                .putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(-1);
        long before = allocatedBytes();

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(b.array()));

        assertEquals(AudioDecodeException.Kind.TRUNCATED, e.kind());
        assertTrue(e.getMessage().contains(String.valueOf(1L << 40)), e.getMessage());
        assertTrue(allocatedBytes() - before < 16L * 1024 * 1024, "allocated " + (allocatedBytes() - before));
    }

    @Test
    void refuses_audio_longer_than_the_limit_before_allocating_the_samples() {
        WavBuilder wav = new WavBuilder().format(1, 1, 16000, 16);
        byte[] file = wav.data(wav.encode(Signals.sine(440, 0.5, 16000, 32000))).build();
        AudioDecoder oneSecond = new AudioDecoder(new DecodeLimits(DecodeLimits.DEFAULT.maxBytes(), 1.0), null);

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> oneSecond.decode(file));

        assertEquals(AudioDecodeException.Kind.TOO_LONG, e.kind());
    }

    @Test
    void decodes_an_rf64_file_with_sizes_in_ds64() throws AudioDecodeException {
        byte[] pcm = new WavBuilder().format(1, 1, 16000, 16).encode(tone);
        ByteBuffer b = ByteBuffer.allocate(12 + 36 + 24 + 8 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RF64".getBytes()).putInt(-1).put("WAVE".getBytes());
        b.put("ds64".getBytes()).putInt(28).putLong(0).putLong(pcm.length).putLong(tone.length).putInt(0);
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(-1).put(pcm);

        DecodedAudio audio = decoder.decode(b.array());

        assertEquals(tone.length, audio.samples().length);
        assertEquals(tone[5], audio.samples()[5], 1e-4);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
