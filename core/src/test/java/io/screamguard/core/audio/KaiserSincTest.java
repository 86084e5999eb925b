package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KaiserSincTest {

    @Test
    void computes_the_bessel_function_i0_against_known_values() {
        assertEquals(1.0, KaiserSinc.besselI0(0), 0);
        assertEquals(1.2660658777520082, KaiserSinc.besselI0(1), 1e-15);
        assertEquals(2815.716628466254, KaiserSinc.besselI0(10), 1e-9);
        assertEquals(KaiserSinc.besselI0(3.5), KaiserSinc.besselI0(-3.5), 0);
    }

    @Test
    void follows_kaisers_formulas_for_beta_and_length() {
        assertEquals(0.1102 * (100 - 8.7), KaiserSinc.kaiserBeta(100), 1e-12);
        assertEquals(0.0, KaiserSinc.kaiserBeta(20), 0);
        // (A - 7.95) / (2.285 * 2 pi * df) + 1 with A = 60 dB, df = 0.05
        assertEquals((int) Math.ceil(52.05 / (2.285 * 2 * Math.PI * 0.05) + 1), KaiserSinc.kaiserLength(60, 0.05));
    }

    @Test
    void shapes_the_window_and_the_ideal_low_pass() {
        assertEquals(1.0, KaiserSinc.kaiserWindow(0, 8), 1e-15);
        assertEquals(1 / KaiserSinc.besselI0(8), KaiserSinc.kaiserWindow(1, 8), 1e-15);
        assertEquals(0.0, KaiserSinc.kaiserWindow(1.01, 8), 0);
        assertEquals(0.5, KaiserSinc.lowPass(0, 0.25), 0);
        // zeros of 2 fc sinc(2 fc x) at x = k / (2 fc)
        assertEquals(0.0, KaiserSinc.lowPass(2, 0.25), 1e-16);
    }

    @Test
    void normalises_every_filter_row_to_unit_dc_gain() {
        for (int[] rates : new int[][] {{48000, 16000}, {44100, 16000}, {16000, 22050}, {44101, 16000}}) {
            PolyphaseFilter filter = PolyphaseFilter.forRates(rates[0], rates[1]);
            float[] ones = new float[filter.taps()];
            java.util.Arrays.fill(ones, 1f);
            for (int phase = 0; phase < filter.up(); phase += Math.max(1, filter.up() / 7)) {
                assertEquals(1.0, filter.apply(ones, 0, phase), 1e-5, rates[0] + "->" + rates[1] + " phase " + phase);
            }
        }
    }
}
