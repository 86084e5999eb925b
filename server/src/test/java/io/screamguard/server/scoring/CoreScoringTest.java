package io.screamguard.server.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;
import io.screamguard.core.model.ModelMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreScoringTest {
    static ModelMetadata metadata() {
        FeatureSchema schema = FeatureSchema.current();
        return new ModelMetadata("m", schema.version(), schema.names(), FeatureConfig.analysis(), new WindowConfig(1.0, 0.5),
                new DetectorSettings(0.005, 2, 4), 0.6, 1, ForestParams.defaults(10, 1), Map.of());
    }

    @Test
    void without_overrides_the_detector_uses_the_models_recommendations() {
        DetectorConfig c = CoreScoring.detectorConfig(metadata(), null, null, null, null);

        assertEquals(new DetectorConfig(0.6, 2, 4, 0.005), c);
    }

    @Test
    void configured_values_override_the_model() {
        DetectorConfig c = CoreScoring.detectorConfig(metadata(), 0.8, 3, null, 0.02);

        assertEquals(new DetectorConfig(0.8, 3, 4, 0.02), c);
    }

    @Test
    void a_k_above_the_models_n_is_refused_naming_both_settings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoreScoring.detectorConfig(metadata(), null, 5, null, null));

        assertTrue(e.getMessage().contains("DEBOUNCE_K=5") && e.getMessage().contains("DEBOUNCE_N=4"), e.getMessage());
    }

    @Test
    void every_decoder_failure_kind_has_a_rejection_reason() {
        for (AudioDecodeException.Kind kind : AudioDecodeException.Kind.values()) {
            assertEquals(kind.name(), CoreScoring.reason(kind).name());
        }
    }
}
