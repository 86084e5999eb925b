package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HarmonicityTest {
    private final WindowFeatureExtractor extractor = new WindowFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT);
    private final List<String> names = extractor.schema().names();

    private double value(float[] summary, String name) {
        return summary[names.indexOf(name)];
    }

    @Test
    void the_ratio_is_periodic_over_aperiodic_energy_in_db_and_clipped_at_30_db() {
        assertEquals(0.0, Harmonicity.hnrDb(0.5), 1e-12, "as much periodic as aperiodic energy");
        assertEquals(10 * Math.log10(9), Harmonicity.hnrDb(0.9), 1e-12);
        assertEquals(10 * Math.log10(0.999 / 0.001), Harmonicity.hnrDb(1.0), 1e-12);
        assertEquals(10 * Math.log10(0.001 / 0.999), Harmonicity.hnrDb(0.0), 1e-12, "silence has voicing 0");
    }

    @Test
    void a_harmonic_complex_tone_is_far_more_harmonic_than_noise_and_noise_is_below_0_db() {
        float[] voice = extractor.summarize(Tones.harmonicComplex(300, 5, 0.4, 16000, 1.0));
        float[] noise = extractor.summarize(Tones.noise(5, 0.2, 16000));

        // the Hann-windowed autocorrelation of a 64 ms frame keeps the voicing of a clean tone near 0.97 (15 dB)
        assertTrue(value(voice, "hnr_db_mean") > 10, "harmonic " + value(voice, "hnr_db_mean"));
        assertTrue(value(noise, "hnr_db_mean") < 0, "noise " + value(noise, "hnr_db_mean"));
        assertTrue(value(voice, "hnr_db_mean") > value(noise, "hnr_db_mean") + 10,
                "harmonic " + value(voice, "hnr_db_mean") + " dB, noise " + value(noise, "hnr_db_mean") + " dB");
        assertTrue(value(voice, "hnr_db_p90") >= value(voice, "hnr_db_mean"));
    }
}
