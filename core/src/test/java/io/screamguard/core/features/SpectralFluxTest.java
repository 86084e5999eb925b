package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpectralFluxTest {
    private final WindowFeatureExtractor extractor = new WindowFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT);
    private final List<String> names = extractor.schema().names();

    private double value(float[] summary, String name) {
        return summary[names.indexOf(name)];
    }

    @Test
    void the_distance_between_frames_is_euclidean_over_mfcc_1_and_up_in_ring_order() {
        // rows: MFCC 0 (ignored), MFCC 1, MFCC 2; the ring starts at index 2
        double[][] ring = {{50, 3, 4}, {-7, 3, 4}, {0, 0, 0}};
        double[] distances = new double[3];

        int n = SpectralFlux.frameDistancesDb(ring, 2, 3, 0, 3, distances);

        assertEquals(2, n);
        assertArrayEquals(new double[] {5, 0, 0}, distances, 1e-12, "0->3,4 is a 3-4-5 triangle; MFCC 0 changes nothing");
    }

    @Test
    void a_steady_tone_has_no_flux_and_alternating_tone_and_noise_has_a_lot() {
        float[] tone = Tones.sine(440, 0.3, 16000, 1.0);
        float[] alternating = tone.clone();
        float[] noise = Tones.noise(3, 0.2, 16000);
        for (int i = 0; i < alternating.length; i++) {
            if ((i / 1600) % 2 == 1) {
                alternating[i] = noise[i];
            }
        }

        float[] steady = extractor.summarize(tone);
        float[] changing = extractor.summarize(alternating);

        assertEquals(0.0, value(steady, "spectral_flux_db_mean"), 0.5, "a frame of a steady sine differs only by its phase");
        assertTrue(value(changing, "spectral_flux_db_mean") > 20 * Math.max(1, value(steady, "spectral_flux_db_mean")),
                "alternating " + value(changing, "spectral_flux_db_mean") + " dB, steady " + value(steady, "spectral_flux_db_mean"));
        assertTrue(value(changing, "spectral_flux_db_std") > 1.0, "the flux peaks at each switch");
    }

    @Test
    void flux_does_not_change_with_gain() {
        float[] loud = Tones.screamLike(4, 16000, 1.0);

        float[] a = extractor.summarize(loud);
        float[] b = extractor.summarize(Tones.scaled(loud, 0.05));

        assertEquals(value(a, "spectral_flux_db_mean"), value(b, "spectral_flux_db_mean"), 1e-3 * value(a, "spectral_flux_db_mean"));
        assertEquals(value(a, "spectral_flux_db_std"), value(b, "spectral_flux_db_std"), 1e-3 * value(a, "spectral_flux_db_mean"));
    }
}
