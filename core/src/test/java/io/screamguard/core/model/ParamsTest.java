package io.screamguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void forest_params_name_the_bad_value() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ForestParams(0, 0, 20, 100, 1, 1.0, 1));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ForestParams(10, 0, 20, 100, 1, 1.5, 1));
    }

    @Test
    void mtry_defaults_to_the_square_root_and_must_stay_below_the_feature_count() {
        assertEquals(10, ForestParams.defaults(10, 1).mtryFor(100));
        assertEquals(1, ForestParams.defaults(10, 1).mtryFor(2));
        assertEquals(4, new ForestParams(10, 4, 20, 100, 1, 1.0, 1).mtryFor(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ForestParams(10, 9, 20, 100, 1, 1.0, 1).mtryFor(5));
        assertTrue(e.getMessage().contains("(5), got 9"), e.getMessage());
    }

    @Test
    void detector_settings_check_the_debounce_and_gate() {
        DetectorSettings settings = new DetectorSettings(0.01, 2, 3);

        assertTrue(settings.isQuiet(0.005));
        assertTrue(!settings.isQuiet(0.01));
        assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(0.01, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(-1, 1, 3));
    }
}
