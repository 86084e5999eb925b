package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.core.dsp.MelFilterbank;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectralContrastTest {

    @Test
    void peaks_and_valleys_are_the_means_of_the_extreme_two_percent_of_each_band_as_sorting_gives() {
        double[] freqs = MelFilterbank.fftFrequencies(22050, 2048);
        SpectralContrast contrast = new SpectralContrast(freqs, freqs.length, 6, 200);
        Random random = new Random(3);
        double[] peak = new double[7];
        double[] valley = new double[7];
        for (int trial = 0; trial < 50; trial++) {
            double[] mag = new double[freqs.length];
            for (int k = 0; k < mag.length; k++) {
                // noise, ramps and ties, so every selection path is exercised
                mag[k] = trial % 3 == 0 ? random.nextDouble() : trial % 3 == 1 ? 1.0 / (k + 1) : random.nextInt(4);
            }

            contrast.peaksAndValleys(mag, peak, valley);

            double[] edges = {0, 200, 400, 800, 1600, 3200, 6400, 12800};
            for (int b = 0; b < 7; b++) {
                int first = -1;
                int last = -1;
                for (int k = 0; k < freqs.length; k++) {
                    if (freqs[k] >= edges[b] && freqs[k] <= edges[b + 1]) {
                        first = first < 0 ? k : first;
                        last = k;
                    }
                }
                int start = b > 0 ? first - 1 : first;
                int end = b == 6 ? freqs.length : last + 1;
                int q = (int) Math.max(1, Math.rint(0.02 * (end - start)));
                double[] band = Arrays.copyOfRange(mag, start, b < 6 ? end - 1 : end);
                Arrays.sort(band);
                double low = 0;
                double high = 0;
                for (int i = 0; i < q; i++) {
                    low += band[i];
                    high += band[band.length - q + i];
                }
                assertEquals(low / q, valley[b], 0.0, "valley of band " + b + ", trial " + trial);
                assertEquals(high / q, peak[b], 0.0, "peak of band " + b + ", trial " + trial);
            }
        }
    }
}
