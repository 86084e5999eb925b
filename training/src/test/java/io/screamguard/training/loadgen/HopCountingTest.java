package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HopCountingTest {

    @Test
    void ten_seconds_of_one_second_windows_every_half_second_expect_eighteen_hops_before_the_look_ahead() {
        // windows end at 1.0, 1.5, ..., 9.5 s; the one ending at 10.0 s needs audio past the end
        assertEquals(18, HopCounting.expectedHops(10.0, 1.0, 0.5, 0.05));
        assertEquals(19, HopCounting.expectedHops(10.0, 1.0, 0.5, 0.0));
    }

    @Test
    void audio_shorter_than_a_window_expects_nothing() {
        assertEquals(0, HopCounting.expectedHops(0.5, 1.0, 0.5, 0.05));
        assertEquals(0, HopCounting.expectedHops(0.0, 1.0, 0.5, 0.0));
    }

    @Test
    void the_window_end_lies_in_the_frame_holding_its_last_sample() {
        // 20 ms frames at 48 kHz = 960 samples; a window ending at 1.0 s ends with sample 47999
        assertEquals(49, HopCounting.frameOfWindowEnd(1.0, 48_000, 960));
        assertEquals(50, HopCounting.frameOfWindowEnd(1.0 + 1.0 / 48_000, 48_000, 960));
        assertEquals(0, HopCounting.frameOfWindowEnd(0.0, 48_000, 960));
    }

    @Test
    void rejects_a_zero_hop() {
        assertThrows(IllegalArgumentException.class, () -> HopCounting.expectedHops(10, 1, 0, 0));
    }
}
