package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FLAC streams written bit by bit ({@link FlacWriter}) with the codings encoders at hand never
 * produce: escape-coded Rice partitions under both parameter widths, 12 and 20-bit samples, wasted
 * bits, 8/16-bit block sizes, 8/16-bit rate codes, long frame numbers and every stereo mode; the
 * decoder must give back exactly the samples written.
 */
class FlacHandMadeTest {

    private final Random random = new Random(12);

    @Test
    void decodes_twelve_bit_frames_with_escape_codes_wasted_bits_and_every_header_size_code() throws Exception {
        int[] a = signal(256, 12, 0.9);
        int[] b = signal(1000, 12, 0.9);
        int[] c = new int[192];
        Arrays.fill(c, -1024);
        int[] d = signal(576, 12, 1.0);
        int[] e = signal(256, 12, 0.5);
        FlacWriter w = new FlacWriter(12000, 1, 12, 256 + 1000 + 192 + 576 + 256, 7);
        w.frameHeader(6, 256, 12, 12, 0, 2, 0)
                .fixed(a, 12, 0, 2, false, 2, new int[] {3, 15, 5, 15}, 14).endFrame();
        w.frameHeader(7, 1000, 13, 12000, 0, 2, 300)
                .fixed(b, 12, 0, 4, true, 3, new int[] {0, 31, 7, 12, 31, 30, 2, 9}, 17).endFrame();
        w.frameHeader(1, 192, 14, 1200, 0, 0, 70000).constant(-1024, 12, 3).endFrame();
        w.frameHeader(2, 576, 4, 0, 0, 2, (1L << 31) - 1).verbatim(d, 12).endFrame();
        w.frameHeader(8, 256, 0, 0, 0, 2, 5).lpc(e, 12, new int[] {1500, -700, 150}, 12, 10, 6).endFrame();
        byte[] flac = w.bytes();

        FlacSamples.Pcm pcm = FlacSamples.ours(flac);

        assertEquals(12, pcm.bitsPerSample());
        assertArrayEquals(concat(a, b, c, d, e), pcm.samples());
        DecodedAudio mono = new AudioDecoder(DecodeLimits.DEFAULT, null).decode(flac);
        assertEquals(b[10] / 2048f, mono.samples()[256 + 10]);
    }

    @Test
    void decodes_twenty_bit_stereo_in_each_decorrelation_mode() throws Exception {
        int n = 512;
        int[] left = signal(n, 20, 0.8);
        int[] right = signal(n, 20, 0.8);
        int[] side = new int[n];
        int[] mid = new int[n];
        for (int i = 0; i < n; i++) {
            side[i] = left[i] - right[i];
            mid[i] = (left[i] + right[i]) >> 1;
        }
        FlacWriter w = new FlacWriter(44100, 2, 20, 4L * n, 0);
        w.frameHeader(9, n, 0, 0, 1, 5, 0).fixed(left, 20, 0, 1, true, 0, new int[] {20}, 0)
                .verbatim(right, 20).endFrame();
        w.frameHeader(9, n, 0, 0, 8, 5, 1).verbatim(left, 20)
                .fixed(side, 21, 0, 2, true, 1, new int[] {20, 31}, 24).endFrame();
        w.frameHeader(9, n, 0, 0, 9, 5, 2).fixed(side, 21, 0, 0, true, 0, new int[] {22}, 0)
                .fixed(right, 20, 0, 3, false, 0, new int[] {14}, 0).endFrame();
        w.frameHeader(9, n, 0, 0, 10, 5, 3).fixed(mid, 20, 0, 2, true, 2, new int[] {19, 31, 18, 20}, 24)
                .verbatim(side, 21).endFrame();
        byte[] flac = w.bytes();

        FlacSamples.Pcm pcm = FlacSamples.ours(flac);

        int[] frame = interleave(left, right);
        assertArrayEquals(concat(frame, frame, frame, frame), pcm.samples());
    }

    @Test
    void rejects_a_hand_made_frame_whose_crc_does_not_match() {
        int[] a = signal(256, 12, 0.9);
        byte[] flac = new FlacWriter(12000, 1, 12, 256, 0).frameHeader(8, 256, 0, 0, 0, 2, 0)
                .verbatim(a, 12).endFrame().bytes();
        flac[flac.length - 40] ^= 0x04;

        AudioDecodeException e = assertThrows(AudioDecodeException.class,
                () -> new AudioDecoder(DecodeLimits.DEFAULT, null).decode(flac));

        assertEquals(AudioDecodeException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("CRC-16"), e.getMessage());
    }

    /** A tone plus noise filling {@code fraction} of the signed range of {@code bits}. */
    private int[] signal(int n, int bits, double fraction) {
        double peak = ((1 << (bits - 1)) - 1) * fraction;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            double v = 0.7 * Math.sin(i * 0.05) + 0.3 * (2 * random.nextDouble() - 1);
            s[i] = (int) Math.round(v * peak);
        }
        return s;
    }

    private static int[] interleave(int[] l, int[] r) {
        int[] out = new int[l.length * 2];
        for (int i = 0; i < l.length; i++) {
            out[2 * i] = l[i];
            out[2 * i + 1] = r[i];
        }
        return out;
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
