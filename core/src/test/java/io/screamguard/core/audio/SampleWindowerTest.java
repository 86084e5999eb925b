package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleWindowerTest {

    @ParameterizedTest(name = "window {0}, hop {1}")
    @CsvSource({"100,50", "100,100", "100,30", "100,250", "1,1", "16000,8000"})
    void cuts_window_k_from_k_times_hop_whatever_the_push_sizes(int windowSamples, int hopSamples) {
        // given a ramp, so that every sample says where it came from
        float[] signal = new float[40_000];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = i;
        }
        Random random = new Random(windowSamples * 7L + hopSamples);
        SampleWindower windower = new SampleWindower(windowSamples, hopSamples);
        List<float[]> windows = new ArrayList<>();

        // when it arrives in random pieces, empty ones included
        int at = 0;
        while (at < signal.length) {
            int size = Math.min(signal.length - at, random.nextInt(3 * windowSamples));
            windower.push(Arrays.copyOfRange(signal, at, at + size), windows::add);
            at += size;
        }

        // then window k is exactly signal[k*hop, k*hop + window)
        int expectedCount = (signal.length - windowSamples) / hopSamples + 1;
        assertEquals(expectedCount, windows.size());
        for (int k = 0; k < windows.size(); k++) {
            assertArrayEquals(Arrays.copyOfRange(signal, k * hopSamples, k * hopSamples + windowSamples), windows.get(k),
                    "window " + k);
        }
    }

    @org.junit.jupiter.api.Test
    void rejects_non_positive_sizes() {
        assertThrows(IllegalArgumentException.class, () -> new SampleWindower(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SampleWindower(10, 0));
    }
}
