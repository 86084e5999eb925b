package io.screamguard.training.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WindowSignalTest {

    @Test
    void counts_whole_windows_and_one_padded_window_for_a_short_signal() {
        assertEquals(0, WindowSignal.windowCount(0, 100, 50));
        assertEquals(1, WindowSignal.windowCount(30, 100, 50));
        assertEquals(1, WindowSignal.windowCount(100, 100, 50));
        assertEquals(3, WindowSignal.windowCount(200, 100, 50));
        assertEquals(3, WindowSignal.windowCount(249, 100, 50));
    }

    @Test
    void the_rms_of_a_sine_of_amplitude_a_is_a_over_root_two() {
        float[] sine = new float[16000];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 500 * i / 16000.0));
        }

        double[] rms = WindowSignal.windowRms(sine, 8000, 4000);

        assertEquals(3, rms.length);
        for (double r : rms) {
            assertEquals(0.5 / Math.sqrt(2), r, 1e-4);
        }
    }

    @Test
    void a_short_signal_counts_its_padding_as_silence() {
        float[] ones = new float[25];
        Arrays.fill(ones, 1f);

        assertEquals(0.5, WindowSignal.rms(ones, 0, 100), 1e-12);
    }
}
