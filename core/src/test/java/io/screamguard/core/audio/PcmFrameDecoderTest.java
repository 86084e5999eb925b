package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PcmFrameDecoderTest {

    @ParameterizedTest(name = "{0}, {1} channels")
    @CsvSource({"S16LE,1", "S16LE,2", "S16LE,3", "F32LE,1", "F32LE,2", "F32LE,5"})
    void decodes_the_same_samples_whatever_the_chunk_sizes(PcmEncoding encoding, int channels) {
        // given one second of interleaved frames and the same bytes cut into random chunks, odd sizes included
        Random random = new Random(7 + channels);
        byte[] bytes = interleaved(encoding, channels, 8000, random);
        float[] whole = new PcmFrameDecoder(encoding, channels).decode(bytes, 0, bytes.length);

        PcmFrameDecoder chunked = new PcmFrameDecoder(encoding, channels);
        float[] joined = new float[whole.length];
        int written = 0;
        int at = 0;
        while (at < bytes.length) {
            int size = Math.min(bytes.length - at, random.nextInt(11));
            float[] part = chunked.decode(bytes, at, size);
            System.arraycopy(part, 0, joined, written, part.length);
            written += part.length;
            at += size;
        }

        assertEquals(8000, whole.length);
        assertEquals(whole.length, written);
        assertArrayEquals(whole, joined);
        assertEquals(0, chunked.pendingBytes());
    }

    @Test
    void scales_s16le_by_1_over_32768_and_mixes_to_the_mean() {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 16384).putShort((short) -32768).putShort((short) 32767).putShort((short) 0).array();

        float[] mono = new PcmFrameDecoder(PcmEncoding.S16LE, 2).decode(bytes, 0, bytes.length);

        assertArrayEquals(new float[] {(0.5f - 1f) / 2, (32767 / 32768f) / 2}, mono, 1e-7f);
    }

    @Test
    void keeps_a_split_sample_until_its_last_byte_arrives() {
        byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).array();
        PcmFrameDecoder decoder = new PcmFrameDecoder(PcmEncoding.F32LE, 1);

        assertEquals(0, decoder.decode(bytes, 0, 3).length);
        assertEquals(3, decoder.pendingBytes());
        assertArrayEquals(new float[] {0.25f}, decoder.decode(bytes, 3, 1));
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void rejects_nan_and_infinite_f32_samples(float bad) {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).putFloat(bad).array();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PcmFrameDecoder(PcmEncoding.F32LE, 1).decode(bytes, 0, bytes.length));

        assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }

    @Test
    void rejects_bad_channel_counts_and_ranges() {
        assertThrows(IllegalArgumentException.class, () -> new PcmFrameDecoder(PcmEncoding.S16LE, 0));
        PcmFrameDecoder decoder = new PcmFrameDecoder(PcmEncoding.S16LE, 1);
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(new byte[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(new byte[4], -1, 1));
    }

    @Test
    void parses_encoding_names_and_names_a_bad_one() {
        assertEquals(PcmEncoding.S16LE, PcmEncoding.parse("s16le"));
        assertEquals(PcmEncoding.F32LE, PcmEncoding.parse(" F32LE "));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PcmEncoding.parse("u8"));
        assertTrue(e.getMessage().contains("u8") && e.getMessage().contains("s16le"), e.getMessage());
    }

    static byte[] interleaved(PcmEncoding encoding, int channels, int frames, Random random) {
        ByteBuffer b = ByteBuffer.allocate(frames * channels * encoding.bytesPerSample()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames * channels; i++) {
            double v = Math.max(-1, Math.min(1, random.nextGaussian() * 0.3));
            if (encoding == PcmEncoding.S16LE) {
                b.putShort((short) Math.round(v * 32767));
            } else {
                b.putFloat((float) v);
            }
        }
        return b.array();
    }

    @Test
    void decodes_every_mono_s16le_value_to_exactly_value_over_32768_across_odd_splits() {
        byte[] bytes = new byte[2 * 65536];
        for (int v = 0; v < 65536; v++) {
            bytes[2 * v] = (byte) v;
            bytes[2 * v + 1] = (byte) (v >> 8);
        }
        PcmFrameDecoder decoder = new PcmFrameDecoder(PcmEncoding.S16LE, 1);
        float[] first = decoder.decode(bytes, 0, 1001);
        float[] second = decoder.decode(bytes, 1001, bytes.length - 1001);

        assertEquals(500, first.length);
        assertEquals(65536 - 500, second.length);
        for (int v = 0; v < 65536; v++) {
            float got = v < 500 ? first[v] : second[v - 500];
            assertEquals(Float.floatToRawIntBits((short) v / 32768f),
                    Float.floatToRawIntBits(got), "sample " + v);
        }
    }
}
