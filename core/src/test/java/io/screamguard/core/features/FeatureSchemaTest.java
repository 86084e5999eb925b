package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {

    @Test
    void names_are_unique_and_as_many_as_the_vector_has_values() {
        FeatureSchema schema = FeatureSchema.current();
        float[] vector = new WindowFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT)
                .summarize(Tones.noise(1, 0.1, 16000));

        assertEquals(vector.length, schema.size());
        assertEquals(schema.size(), new HashSet<>(schema.names()).size(), "duplicate names");
        assertEquals("sg-features-2", schema.version());
    }

    @Test
    void the_current_schema_has_the_documented_families() {
        List<String> names = FeatureSchema.current().names();

        assertEquals(128, names.size(), "117 of sg-features-1 and 11 added in sg-features-2");
        assertEquals("mfcc1_mean", names.get(0));
        for (String n : List.of("mfcc19_mean", "mfcc0_std", "mfcc19_delta_rms", "chroma_C_mean", "chroma_B_std",
                "zcr_mean", "zcr_std", "rms_mean", "rms_std", "rms_cv", "centroid_hz_mean", "bandwidth_hz_std",
                "rolloff_hz_mean", "flatness_mean", "contrast0_db_mean", "contrast6_db_std", "voicing_mean",
                "voiced_fraction", "pitch_voiced_hz_mean", "pitch_voiced_semitones_std", "roughness_mean", "roughness_std",
                "spectral_flux_db_mean", "spectral_flux_db_std", "hnr_db_mean", "hnr_db_p90", "pitch_voiced_hz_p90",
                "pitch_voiced_semitones_range", "pitch_slope_semitones_per_s", "syllable_mod_ratio", "syllable_mod_depth")) {
            assertTrue(names.contains(n), n);
        }
        assertTrue(!names.contains("mfcc0_mean"), "the level-dependent MFCC 0 mean is left out");
        assertEquals("pitch_voiced_semitones_std", names.get(116), "sg-features-1's values come first, in their old order");
        assertEquals("roughness_mean", names.get(117));
    }

    @Test
    void the_schema_follows_the_configuration() {
        FeatureSchema librosa = FeatureSchema.of(FeatureConfig.librosa(22050));

        assertEquals(FeatureSchema.current().size() - 3 * 7, librosa.size(), "13 instead of 20 MFCCs");
        assertEquals(librosa, FeatureSchema.of(FeatureConfig.librosa(22050)));
    }

    @Test
    void a_telephone_band_configuration_is_valid_and_has_fewer_contrast_bands() {
        FeatureConfig telephone = new FeatureConfig(16000, 1024, 320, 64, 0, 4000, 20, 4, 200);
        float[] summary = new WindowFeatureExtractor(telephone, WindowConfig.DEFAULT).summarize(Tones.screamLike(3, 16000, 1.0));

        assertEquals(FeatureSchema.current().size() - 2 * 2, FeatureSchema.of(telephone).size());
        assertEquals(FeatureSchema.of(telephone).size(), summary.length);
    }

    @Test
    void rejects_contrast_bands_that_do_not_fit_below_the_band_limit() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FeatureConfig(16000, 1024, 320, 64, 0, 4000, 20, 6, 200));
        assertTrue(e.getMessage().contains("contrastBands (6)"), e.getMessage());
    }
}
