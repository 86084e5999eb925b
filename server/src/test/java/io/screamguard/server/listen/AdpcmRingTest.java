package io.screamguard.server.listen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.support.TestAudio;
import org.junit.jupiter.api.Test;

class AdpcmRingTest {
    private static short[] pcm(float[] x) {
        short[] s = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i] * 32767f)));
        }
        return s;
    }

    private static short[] decode(AdpcmRing ring, long from, long to) {
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
    void a_scream_like_tone_and_quiet_noise_decode_with_an_error_at_least_20_and_15_db_below_the_signal() {
        // a loud 900 Hz harmonic tone between stretches of quiet noise (a level change the coder must follow)
        short[] original = pcm(TestAudio.concat(TestAudio.noise(16_000, 2, 0.02, 7),
                TestAudio.harmonicTone(16_000, 3, 900), TestAudio.noise(16_000, 2, 0.02, 8)));
        AdpcmRing ring = new AdpcmRing(original.length);
        for (short s : original) {
            ring.add(s);
        }

        short[] tone = decode(ring, 2 * 16_000 + 800, 5 * 16_000);
        short[] quiet = decode(ring, 5 * 16_000 + 800, 7 * 16_000);
        // IMA ADPCM: 4 bits a sample, the error follows the signal's level (23.4 dB on this tone when written)
        double toneSnr = snrDb(original, 2 * 16_000 + 800, tone);
        double quietSnr = snrDb(original, 5 * 16_000 + 800, quiet);
        assertTrue(toneSnr > 20, "tone SNR " + toneSnr + " dB");
        assertTrue(quietSnr > 15, "quiet noise SNR " + quietSnr + " dB");
    }

    @Test
    void the_ring_keeps_at_least_its_capacity_and_forgets_older_samples_a_block_at_a_time() {
        int capacity = 10 * AdpcmRing.BLOCK_SAMPLES + 17;
        AdpcmRing ring = new AdpcmRing(capacity);
        short[] original = pcm(TestAudio.harmonicTone(16_000, 1, 440));
        for (short s : original) {
            ring.add(s);
        }

        assertTrue(ring.written() - ring.oldest() >= capacity, "kept " + (ring.written() - ring.oldest()));
        assertEquals(0, ring.oldest() % AdpcmRing.BLOCK_SAMPLES, "whole blocks");
        assertThrows(IllegalArgumentException.class, () -> ring.decode(ring.oldest() - 1, ring.written(), v -> { }));
        assertThrows(IllegalArgumentException.class, () -> ring.decode(ring.oldest(), ring.written() + 1, v -> { }));
        // any kept range decodes to the same samples as the same range inside a longer one (blocks decode alone)
        long from = ring.written() - capacity + 3;
        short[] all = decode(ring, ring.oldest(), ring.written());
        short[] part = decode(ring, from, ring.written() - 5);
        short[] expected = java.util.Arrays.copyOfRange(all, (int) (from - ring.oldest()),
                (int) (ring.written() - 5 - ring.oldest()));
        assertArrayEquals(expected, part);
    }

    @Test
    void fifteen_seconds_at_16_khz_take_a_quarter_of_16_bit_pcm_and_nothing_before_the_first_sample() {
        AdpcmRing ring = new AdpcmRing(ClipRecorder.RING_SECONDS * ClipRecorder.CLIP_RATE_HZ);
        assertEquals(0, ring.allocatedBytes(), "no audio yet");

        ring.add((short) 1);

        long pcmBytes = 2L * ClipRecorder.RING_SECONDS * ClipRecorder.CLIP_RATE_HZ; // 480 000
        assertTrue(ring.allocatedBytes() <= pcmBytes / 4 + 4_000, "allocated " + ring.allocatedBytes());
    }
}
