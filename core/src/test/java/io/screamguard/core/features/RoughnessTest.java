package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoughnessTest {
    private final WindowFeatureExtractor extractor = new WindowFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT);
    private final List<String> names = extractor.schema().names();

    private double roughness(float[] signal) {
        return extractor.summarize(signal)[names.indexOf("roughness_mean")];
    }

    @Test
    void a_carrier_modulated_at_70_hz_with_depth_0_8_has_a_roughness_near_its_modulation_index() {
        // the amplitude envelope 1 + 0.8 sin(2 pi 70 t) has AM index 0.8; the 2 ms envelope blocks
        // and the Hann-weighted 63-value envelope (70 Hz falls between bins) lose about 2 %
        float[] rough = Tones.amplitudeModulated(1000, 70, 0.8, 0.4, 16000, 1.0);

        assertEquals(0.8, roughness(rough), 0.05);
    }

    @Test
    void an_unmodulated_carrier_has_no_roughness() {
        assertEquals(0.0, roughness(Tones.sine(1000, 0.4, 16000, 1.0)), 0.01);
        assertEquals(0.0, roughness(Tones.harmonicComplex(300, 5, 0.4, 16000, 1.0)), 0.05, "a steady 300 Hz voice");
    }

    @Test
    void modulation_at_a_syllable_rate_is_much_less_rough_than_at_70_hz() {
        double slow = roughness(Tones.amplitudeModulated(1000, 5, 0.8, 0.4, 16000, 1.0));
        double fast = roughness(Tones.amplitudeModulated(1000, 70, 0.8, 0.4, 16000, 1.0));

        assertTrue(slow < 0.2 * fast, "5 Hz: " + slow + ", 70 Hz: " + fast);
    }

    @Test
    void modulation_above_the_band_at_300_hz_is_hardly_rough() {
        assertTrue(roughness(Tones.amplitudeModulated(1000, 300, 0.8, 0.4, 16000, 1.0)) < 0.05);
    }

    @Test
    void roughness_does_not_change_with_gain_and_silence_has_none() {
        float[] loud = Tones.amplitudeModulated(1000, 70, 0.8, 0.8, 16000, 1.0);

        double quiet = roughness(Tones.scaled(loud, 0.05));

        assertEquals(roughness(loud), quiet, 1e-4);
        assertEquals(0.0, roughness(new float[16000]));
    }

    @Test
    void a_frame_too_short_for_a_30_hz_cycle_is_refused_with_the_fix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Roughness(16000, 64));

        assertTrue(e.getMessage().contains("at least 10 ms"), e.getMessage());
    }

    @Test
    void the_envelope_has_about_1_khz_rate_at_the_analysis_settings() {
        assertEquals(63, new Roughness(16000, 1024).envelopeLength(), "16-sample blocks, 2-block Hann, 1024 samples");
    }
}
