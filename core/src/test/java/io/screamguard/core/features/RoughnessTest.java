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
    @Test
    void a_stream_frame_that_reuses_the_previous_envelope_gives_the_bits_of_a_fresh_frame() {
        float[] signal = Tones.screamLike(5, 16000, 3.0);
        float[] noise = Tones.noise(6, 0.3, 16000 * 3);
        for (int i = 0; i < signal.length; i++) {
            signal[i] += noise[i] * (i % 5000 < 2500 ? 1 : 0);
        }
        Roughness streamed = new Roughness(16000, 1024);
        Roughness fresh = streamed.withOwnBuffer();
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        int start = 0;
        int reused = 0;
        for (int frame = 0; frame < 400; frame++) {
            // mostly the analysis hop (20 blocks: reuse), sometimes whole blocks, odd steps, long jumps or steps back
            int step = switch (frame % 7) {
                case 3 -> 16 * random.nextInt(1, 70);
                case 5 -> random.nextInt(1, 40);
                case 6 -> frame % 2 == 0 ? -random.nextInt(0, 2000) : 0;
                default -> 320;
            };
            start = Math.max(0, Math.min(signal.length - 1024, start + step));
            reused += step > 0 && step % 16 == 0 && step < 1008 ? 1 : 0;

            double expected = fresh.ofFrame(signal, start);
            double actual = streamed.ofStreamFrame(signal, start, start);

            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                    "frame " + frame + " at " + start + ": " + expected + " against " + actual);
        }
        assertTrue(reused > 200, "most frames reused part of the envelope: " + reused);
    }

    @Test
    void a_stream_frame_after_a_fresh_frame_does_not_reuse_an_envelope_of_other_samples() {
        float[] first = Tones.amplitudeModulated(1000, 70, 0.8, 0.4, 16000, 1.0);
        float[] second = Tones.sine(1000, 0.4, 16000, 1.0);
        Roughness roughness = new Roughness(16000, 1024);
        roughness.ofStreamFrame(first, 0, 0);

        roughness.ofFrame(second, 0);
        double next = roughness.ofStreamFrame(second, 320, 320);

        assertEquals(Double.doubleToLongBits(new Roughness(16000, 1024).ofFrame(second, 320)), Double.doubleToLongBits(next));
    }
}
