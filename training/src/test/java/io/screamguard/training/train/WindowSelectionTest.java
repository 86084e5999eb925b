package io.screamguard.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowSelectionTest {

    @Test
    void scream_examples_are_the_loud_windows_near_the_clip_peak() {
        // peak 0.5; 10 dB below is 0.158: windows 1, 2 and 4 qualify, window 3 is too soft, 0 is gated
        double[] rms = {0.001, 0.5, 0.2, 0.1, 0.3};

        int[] chosen = WindowSelection.screamWindows(rms, rms, 0.003, 10, 8);

        assertArrayEquals(new int[] {1, 2, 4}, chosen);
    }

    @Test
    void at_most_the_cap_of_scream_windows_and_the_loudest_first() {
        double[] rms = {0.4, 0.5, 0.45, 0.42};

        assertArrayEquals(new int[] {1, 2}, WindowSelection.screamWindows(rms, rms, 0.003, 10, 2));
    }

    @Test
    void a_window_the_model_would_not_score_is_never_an_example() {
        double[] clean = {0.5, 0.5};
        double[] heard = {0.5, 0.001};

        assertArrayEquals(new int[] {0}, WindowSelection.screamWindows(clean, heard, 0.003, 10, 8));
    }

    @Test
    void non_scream_examples_are_a_seeded_choice_of_gated_windows() {
        double[] rms = {0.1, 0.0001, 0.1, 0.1, 0.1, 0.1, 0.1};

        int[] first = WindowSelection.nonScreamWindows(rms, 0.003, 3, new SplittableRandom(5));
        int[] again = WindowSelection.nonScreamWindows(rms, 0.003, 3, new SplittableRandom(5));
        int[] all = WindowSelection.nonScreamWindows(rms, 0.003, 100, new SplittableRandom(5));

        assertEquals(3, first.length);
        assertArrayEquals(first, again);
        assertArrayEquals(new int[] {0, 2, 3, 4, 5, 6}, all);
    }
}
