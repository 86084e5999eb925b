package io.screamguard.core.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DetectorConfigTest {

    @Test
    void rejects_a_threshold_outside_zero_to_one_naming_the_value() {
        var error = assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(1.5, 1, 1, 0.0));
        assertTrue(error.getMessage().contains("thresholdProbability") && error.getMessage().contains("1.5"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(Double.NaN, 1, 1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(-0.01, 1, 1, 0.0));
    }

    @Test
    void rejects_k_larger_than_n_or_below_one() {
        var error = assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(0.5, 4, 3, 0.0));
        assertTrue(error.getMessage().contains("debounceK") && error.getMessage().contains("4"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(0.5, 0, 3, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(0.5, 1, 0, 0.0));
    }

    @Test
    void rejects_a_negative_or_infinite_quiet_rms() {
        var error = assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(0.5, 1, 1, -0.1));
        assertTrue(error.getMessage().contains("quietRms") && error.getMessage().contains("-0.1"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(0.5, 1, 1, Double.POSITIVE_INFINITY));
    }

    @Test
    void accepts_the_edges_of_every_range() {
        var config = new DetectorConfig(0.0, 3, 3, 0.0);
        assertEquals(1.0, config.withThreshold(1.0).thresholdProbability());
        assertEquals(1, config.withDebounce(1, 1).debounceK());
    }

    @Test
    void takes_threshold_gate_and_debounce_from_the_model_metadata() {
        var schema = io.screamguard.core.features.FeatureSchema.current();
        var metadata = new io.screamguard.core.model.ModelMetadata("m", schema.version(), schema.names(),
                io.screamguard.core.features.FeatureConfig.analysis(),
                new io.screamguard.core.features.WindowConfig(1.0, 0.5),
                new io.screamguard.core.model.DetectorSettings(0.004, 2, 5), 0.63, 1,
                io.screamguard.core.model.ForestParams.defaults(10, 1), java.util.Map.of());

        assertEquals(new DetectorConfig(0.63, 2, 5, 0.004), DetectorConfig.fromModel(metadata));
    }

    @Test
    void the_gate_is_strictly_below_quiet_rms() {
        var config = new DetectorConfig(0.5, 1, 1, 0.01);
        assertTrue(config.isQuiet(0.0099));
        assertFalse(config.isQuiet(0.01));
    }
}
