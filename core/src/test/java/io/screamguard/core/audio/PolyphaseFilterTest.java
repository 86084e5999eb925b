package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolyphaseFilterTest {

    private static float[] noise(long seed, int n) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"48000,16000,1", "48000,16000,320", "44100,22050,1601", "96000,16000,77"})
    void the_vectorised_decimation_gives_the_bits_of_the_plain_tap_by_tap_sums(int fromHz, int toHz, int count) {
        PolyphaseFilter filter = PolyphaseFilter.forRates(fromHz, toHz);
        int m = filter.down();
        float[] input = noise(count, count * m + filter.taps() + 5);
        float[] out = new float[count];

        filter.decimate(input, 3, out);

        for (int j = 0; j < count; j++) {
            // the order the kernel promises: phase by phase, tap group by tap group, one rounding per step
            float expected = 0f;
            for (int r = 0; r < m && r < filter.taps(); r++) {
                for (int k = r; k < filter.taps(); k += m) {
                    expected += filter.coefficient(0, k) * input[3 + j * m + k];
                }
            }
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[j]), "output " + j);
        }
    }

    @ParameterizedTest
    @CsvSource({"44100,16000", "22050,16000", "16000,22050", "44101,16000"})
    void outputs_computed_in_pairs_are_the_bits_of_single_outputs(int fromHz, int toHz) {
        PolyphaseFilter filter = PolyphaseFilter.forRates(fromHz, toHz);
        float[] input = noise(fromHz, 4 * filter.taps());
        float[] pair = new float[2];
        for (int phase = 0; phase < filter.up(); phase += 1 + filter.up() / 37) {
            int other = (phase + filter.down()) % filter.up();

            filter.applyPair(input, 5, phase, 9, other, pair, 0);

            assertEquals(Float.floatToIntBits(filter.apply(input, 5, phase)), Float.floatToIntBits(pair[0]), "phase " + phase);
            assertEquals(Float.floatToIntBits(filter.apply(input, 9, other)), Float.floatToIntBits(pair[1]), "phase " + other);
        }
    }

    @ParameterizedTest
    @CsvSource({"22050,16000,1", "22050,16000,300", "44100,16000,129", "16000,22050,7", "8000,16000,40"})
    void the_block_kernel_gives_the_bits_of_single_outputs_and_of_four_partial_sums(int fromHz, int toHz, int blocks) {
        PolyphaseFilter filter = PolyphaseFilter.forRates(fromHz, toHz);
        int up = filter.up();
        int down = filter.down();
        float[] input = noise(blocks, blocks * down + filter.blockSpan() + 7);
        float[] out = new float[blocks * up + 2];

        filter.resampleBlocks(input, 4, blocks, out, 1, new PolyphaseFilter.BlockScratch());

        for (int n = 0; n < blocks * up; n++) {
            long position = (long) n * down;
            int first = 4 + (int) (position / up);
            int phase = (int) (position % up);
            // the order the single-output path uses: four partial sums, the tail taps in the first
            float[] partial = new float[4];
            int grouped = filter.taps() / 4 * 4;
            for (int k = 0; k < filter.taps(); k++) {
                partial[k < grouped ? k % 4 : 0] += input[first + k] * filter.coefficient(phase, k);
            }
            float expected = (partial[0] + partial[1]) + (partial[2] + partial[3]);
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[1 + n]), "output " + n);
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(filter.apply(input, first, phase)),
                    "single output " + n);
        }
        assertEquals(0f, out[0]);
        assertEquals(0f, out[out.length - 1]);
    }
}
