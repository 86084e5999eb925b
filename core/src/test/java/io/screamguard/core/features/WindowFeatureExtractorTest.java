package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowFeatureExtractorTest {
    private final FeatureConfig config = FeatureConfig.analysis();
    private final WindowFeatureExtractor extractor = new WindowFeatureExtractor(config, WindowConfig.DEFAULT);
    private final List<String> names = extractor.schema().names();

    private double value(float[] summary, String name) {
        int i = names.indexOf(name);
        assertTrue(i >= 0, "no feature " + name);
        return summary[i];
    }

    @Test
    void summarizing_one_window_equals_that_window_cut_from_the_clip() {
        float[] clip = Tones.screamLike(5, 16000, 3.0);
        List<float[]> windows = extractor.windows(clip);

        float[] second = extractor.summarize(Arrays.copyOfRange(clip, 8000, 24000));

        assertEquals(5, windows.size());
        assertArrayEquals(windows.get(1), second);
    }

    @Test
    void a_clip_shorter_than_a_window_has_no_windows_but_can_be_summarized() {
        float[] clip = Tones.sine(1000, 0.3, 16000, 0.5);

        assertTrue(extractor.windows(clip).isEmpty());
        assertEquals(extractor.schema().size(), extractor.summarize(clip).length);
        assertEquals(extractor.schema().size(), extractor.summarize(new float[100]).length, "shorter than one frame");
    }

    @Test
    void a_sine_has_the_known_level_pitch_class_and_centroid() {
        float[] sine = Tones.sine(440, 0.5, 16000, 1.0);

        float[] s = extractor.summarize(sine);

        assertEquals(0.5 / Math.sqrt(2), value(s, "rms_mean"), 2e-3);
        assertEquals(0.0, value(s, "rms_std"), 2e-3);
        assertEquals(1.0, value(s, "chroma_A_mean"), 1e-6, "A is the strongest pitch class in every frame");
        assertTrue(value(s, "chroma_C_mean") < 0.1);
        assertEquals(440, value(s, "centroid_hz_mean"), 25);
        assertEquals(2 * 440.0 / 16000, value(s, "zcr_mean"), 2e-3);
    }

    @Test
    void level_free_features_do_not_change_with_gain_while_rms_scales() {
        float[] loud = Tones.screamLike(9, 16000, 1.0);
        float[] quiet = Tones.scaled(loud, 0.05);

        float[] a = extractor.summarize(loud);
        float[] b = extractor.summarize(quiet);

        for (String name : List.of("mfcc1_mean", "mfcc5_std", "mfcc0_std", "chroma_A_mean", "zcr_mean",
                "centroid_hz_mean", "rolloff_hz_mean", "flatness_mean", "contrast3_db_mean", "rms_cv",
                "rms_peak_to_mean_db", "rms_p90_to_p10_db", "roughness_mean", "roughness_std", "spectral_flux_db_mean",
                "spectral_flux_db_std", "hnr_db_mean", "hnr_db_p90", "pitch_voiced_hz_p90", "pitch_voiced_semitones_range",
                "pitch_slope_semitones_per_s", "syllable_mod_ratio", "syllable_mod_depth")) {
            double x = value(a, name);
            assertEquals(x, value(b, name), 1e-3 * Math.max(1, Math.abs(x)), name);
        }
        assertEquals(0.05 * value(a, "rms_mean"), value(b, "rms_mean"), 1e-6);
    }

    @Test
    void silence_gives_finite_values() {
        float[] s = extractor.summarize(new float[16000]);

        for (int i = 0; i < s.length; i++) {
            assertTrue(Float.isFinite(s[i]), names.get(i) + " = " + s[i]);
        }
        assertEquals(0.0, value(s, "rms_mean"));
        assertEquals(1.0, value(s, "flatness_mean"), 1e-6);
    }

    @Test
    void rejects_an_empty_window() {
        assertThrows(IllegalArgumentException.class, () -> extractor.summarize(new float[0]));
    }

    @Test
    void a_harmonic_tone_is_voiced_at_its_fundamental_and_noise_is_not() {
        float[] tone = new float[16000];
        for (int i = 0; i < tone.length; i++) {
            double t = i / 16000.0;
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 310 * t) + 0.2 * Math.sin(2 * Math.PI * 620 * t)
                    + 0.1 * Math.sin(2 * Math.PI * 930 * t));
        }

        float[] voiced = extractor.summarize(tone);
        float[] noise = extractor.summarize(Tones.noise(4, 0.2, 16000));

        assertEquals(310, value(voiced, "pitch_voiced_hz_mean"), 310 * 0.01);
        assertEquals(1.0, value(voiced, "voiced_fraction"), 1e-9);
        assertTrue(value(voiced, "voicing_mean") > 0.9, "voicing " + value(voiced, "voicing_mean"));
        assertTrue(value(voiced, "pitch_voiced_semitones_std") < 0.1);
        assertTrue(value(noise, "voiced_fraction") < 0.2, "noise voiced fraction " + value(noise, "voiced_fraction"));
        assertTrue(value(noise, "voicing_mean") < 0.5, "noise voicing " + value(noise, "voicing_mean"));
    }

    @Test
    void a_scream_like_tone_has_a_high_pitch() {
        float[] s = extractor.summarize(Tones.screamLike(8, 16000, 1.0));

        assertEquals(900, value(s, "pitch_voiced_hz_mean"), 60);
        assertTrue(value(s, "voiced_fraction") > 0.8);
    }
}
