package io.screamguard.server.listen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.support.TestAudio;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClipRingTest {
    private static short[] pcm(float[] x) {
        short[] s = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i] * 32767f)));
        }
        return s;
    }

    private static ClipRing filled(short[] samples, int capacity) {
        ClipRing ring = new ClipRing(capacity);
        for (short s : samples) {
            ring.add(s);
        }
        return ring;
    }

    private static short[] decode(ClipRing ring, long from, long to) {
        short[] out = new short[(int) (to - from)];
        int[] n = {0};
        ring.decode(from, to, v -> out[n[0]++] = v);
        assertEquals(out.length, n[0], "samples decoded");
        return out;
    }

    /** Signal-to-error ratio, dB. */
    private static double snrDb(short[] original, int offset, short[] decoded) {
        double signal = 0;
        double error = 0;
        for (int i = 0; i < decoded.length; i++) {
            double x = original[offset + i];
            signal += x * x;
            error += (x - decoded[i]) * (x - decoded[i]);
        }
        return 10 * Math.log10(signal / Math.max(error, 1e-9));
    }

    @Test
    void every_decoded_sample_is_within_a_7_5th_of_its_block_s_loudest_sample() {
        SplittableRandom r = new SplittableRandom(3);
        short[] original = new short[200 * ClipRing.BLOCK_SAMPLES + 5];
        for (int i = 0; i < original.length; i++) {
            int level = 1 << r.nextInt(16); // blocks from near silence to full scale, and extremes
            original[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r.nextInt(-level, level + 1)));
        }
        original[32] = Short.MIN_VALUE;
        original[48] = Short.MAX_VALUE;

        short[] decoded = decode(filled(original, original.length), 0, original.length);

        for (int i = 0; i < original.length; i++) {
            int blockStart = i - i % ClipRing.BLOCK_SAMPLES;
            int peak = 0;
            for (int j = blockStart; j < Math.min(original.length, blockStart + ClipRing.BLOCK_SAMPLES); j++) {
                peak = Math.max(peak, Math.abs(original[j]));
            }
            assertTrue(Math.abs(original[i] - decoded[i]) <= peak / 7.5,
                    "sample " + i + ": " + original[i] + " -> " + decoded[i] + ", block peak " + peak);
        }
        assertEquals(original[original.length - 1], decoded[original.length - 1], "the block being filled is exact");
    }

    @Test
    void a_scream_like_tone_and_quiet_noise_decode_with_an_error_about_20_db_below_the_signal() {
        // a loud 900 Hz harmonic tone between stretches of quiet noise: the scale follows the level
        short[] original = pcm(TestAudio.concat(TestAudio.noise(16_000, 2, 0.02, 7),
                TestAudio.harmonicTone(16_000, 3, 900), TestAudio.noise(16_000, 2, 0.02, 8)));
        ClipRing ring = filled(original, original.length);

        double toneSnr = snrDb(original, 2 * 16_000, decode(ring, 2 * 16_000, 5 * 16_000));
        double quietSnr = snrDb(original, 5 * 16_000, decode(ring, 5 * 16_000, 7 * 16_000));

        assertTrue(toneSnr > 18, "tone SNR " + toneSnr + " dB");
        assertTrue(quietSnr > 18, "quiet noise SNR " + quietSnr + " dB");
    }

    @Test
    void the_ring_keeps_at_least_its_capacity_and_forgets_older_samples_a_block_at_a_time() {
        int capacity = 10 * ClipRing.BLOCK_SAMPLES + 7;
        ClipRing ring = filled(pcm(TestAudio.harmonicTone(16_000, 0.1, 440)), capacity);

        assertTrue(ring.written() - ring.oldest() >= capacity, "kept " + (ring.written() - ring.oldest()));
        assertEquals(0, ring.oldest() % ClipRing.BLOCK_SAMPLES, "whole blocks");
        assertThrows(IllegalArgumentException.class, () -> ring.decode(ring.oldest() - 1, ring.written(), v -> { }));
        assertThrows(IllegalArgumentException.class, () -> ring.decode(ring.oldest(), ring.written() + 1, v -> { }));
        // a range inside the kept samples decodes as the same range of the whole
        short[] all = decode(ring, ring.oldest(), ring.written());
        long from = ring.oldest() + 3;
        long to = ring.written() - 5;
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 3, all.length - 5), decode(ring, from, to));
    }

    @Test
    void fifteen_seconds_at_16_khz_take_9_32nds_of_16_bit_pcm_and_nothing_before_the_first_block() {
        ClipRing ring = new ClipRing(ClipRecorder.RING_SECONDS * ClipRecorder.CLIP_RATE_HZ);
        for (int i = 0; i < ClipRing.BLOCK_SAMPLES - 1; i++) {
            ring.add((short) i);
        }
        assertEquals(0, ring.allocatedBytes(), "no whole block yet");

        ring.add((short) 1);

        long pcmBytes = 2L * ClipRecorder.RING_SECONDS * ClipRecorder.CLIP_RATE_HZ; // 480 000
        assertTrue(ring.allocatedBytes() <= pcmBytes * 9 / 32 + 100, "allocated " + ring.allocatedBytes());
    }

    @Test
    void the_scale_is_the_smallest_that_fits_the_rounded_peak_in_4_bits() {
        assertEquals(0, ClipRing.shiftFor(0));
        assertEquals(0, ClipRing.shiftFor(7));
        assertEquals(1, ClipRing.shiftFor(8));   // (8 + 1) >> 1 = 4
        assertEquals(1, ClipRing.shiftFor(14));  // (14 + 1) >> 1 = 7
        assertEquals(2, ClipRing.shiftFor(15));  // (15 + 1) >> 1 = 8 does not fit
        assertEquals(13, ClipRing.shiftFor(32768));
    }
}
