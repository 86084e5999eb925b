package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged FLAC files end in the decoder's own errors: a file cut anywhere is TRUNCATED with a
 * message saying it was cut off, and a flipped byte anywhere in the audio frames is CORRUPT (the
 * frame's CRC-8 or CRC-16, or its structure, gives it away) instead of decoding to wrong samples;
 * in the last frame, a flip that makes the frame run past the end of the file reads as a cut
 * (TRUNCATED, the message saying "cut off or damaged"), as nothing tells the two apart there.
 */
class FlacDamageTest {

    private final AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, null);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tone1k_16000_mono_s16.flac", "tone1k_48000_stereo_s24.flac", "tone1k_8000_mono_s8.flac"})
    void reports_a_file_cut_every_hundred_bytes_as_truncated(String name) {
        byte[] whole = Fixtures.bytes(name);
        int cuts = 0;
        for (int length = 8; length < whole.length; length += length < 200 ? 7 : 100) {
            byte[] cut = Arrays.copyOf(whole, length);

            AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(cut),
                    "cut at " + length);

            assertEquals(AudioDecodeException.Kind.TRUNCATED, e.kind(), "cut at " + length + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("cut off"), e.getMessage());
            cuts++;
        }
        assertTrue(cuts > 25, cuts + " cuts");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tone1k_16000_mono_s16.flac", "tone1k_48000_stereo_s24.flac", "tone1k_8000_mono_s8.flac"})
    void reports_a_flipped_byte_in_any_frame_as_corrupt_instead_of_decoding_it(String name) throws Exception {
        byte[] whole = Fixtures.bytes(name);
        long lastFrame = lastFrameOffset(whole);
        Map<String, Integer> reasons = new TreeMap<>();
        for (int at = audioStart(whole); at < whole.length; at += 13) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] damaged = whole.clone();
                damaged[at] ^= (byte) bit;
                int where = at;

                AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(damaged),
                        "flip of bit " + bit + " at byte " + where);

                if (at < lastFrame || e.kind() != AudioDecodeException.Kind.TRUNCATED) {
                    assertEquals(AudioDecodeException.Kind.CORRUPT, e.kind(), "byte " + at + ": " + e.getMessage());
                }
                assertTrue(e.getMessage().contains("damaged"), e.getMessage());
                reasons.merge(e.getMessage().replaceAll(".*\\) ", "").replaceAll("[0-9]+", "N"), 1, Integer::sum);
            }
        }
        System.out.println(name + ": " + reasons);
    }

    /** The offset of the last frame (a flip there can make a frame run past the end: TRUNCATED). */
    private static long lastFrameOffset(byte[] flac) throws Exception {
        FlacBitReader bits = new FlacBitReader(new java.io.ByteArrayInputStream(flac));
        FlacFrameDecoder frames = new FlacFrameDecoder(bits, FlacDecoder.readHeader(bits, flac.length), "flac");
        long last = -1;
        while (frames.next() > 0) {
            last = frames.frameOffset();
        }
        return last;
    }

    /** The offset of the first frame: after "fLaC" and the metadata blocks. */
    private static int audioStart(byte[] flac) {
        int at = 4;
        boolean last = false;
        while (!last) {
            last = (flac[at] & 0x80) != 0;
            at += 4 + ((flac[at + 1] & 0xFF) << 16 | (flac[at + 2] & 0xFF) << 8 | (flac[at + 3] & 0xFF));
        }
        return at;
    }
}
