package io.screamguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.core.features.FeatureSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A small model written by {@code screamguard-cli train} (5 trees, synthetic tones vs noise) and
 * kept in test resources: if a change to the model code, the metadata format, Smile or the
 * feature schema breaks loading the models people already have, this test says so. When the
 * feature schema changes on purpose, regenerate the fixture with
 * {@code screamguard-cli train --data SYNTHETIC --out DIR --trees 5 --no-cv --seed 7} and update
 * the expected probabilities.
 */
class FixtureModelTest {

    private static final String RESOURCE = "io/screamguard/core/model/fixture-v1";

    private static float[] sineProbe() {
        float[] probe = new float[FeatureSchema.current().size()];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = (float) Math.sin(i);
        }
        return probe;
    }

    @Test
    void the_kept_model_still_loads_from_a_directory_and_scores_as_it_did() throws Exception {
        Path dir = resourceDir();

        ScreamModel model = ScreamModel.load(dir);

        assertEquals("screamguard-rf-20261121-seed7", model.metadata().modelVersion());
        assertEquals(7, model.metadata().seed());
        assertEquals(5, model.trees());
        assertEquals(0.02, model.screamProbability(new float[FeatureSchema.current().size()]), 1e-9);
        assertEquals(0.19293563579277867, model.screamProbability(sineProbe()), 1e-9);
    }

    @Test
    void the_kept_model_loads_from_the_classpath_as_the_server_loads_its_model() throws Exception {
        ScreamModel model = ScreamModel.loadResource(RESOURCE);

        assertEquals(FeatureSchema.current().version(), model.metadata().schemaVersion());
        assertEquals(0.19293563579277867, model.screamProbability(sineProbe()), 1e-9);
    }

    @Test
    void a_missing_classpath_model_is_a_load_exception_naming_the_fix() {
        ModelLoadException e = org.junit.jupiter.api.Assertions.assertThrows(ModelLoadException.class,
                () -> ScreamModel.loadResource("no/such/model"));

        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("MODEL_PATH"), e.getMessage());
    }

    private static Path resourceDir() throws URISyntaxException {
        return Path.of(FixtureModelTest.class.getClassLoader().getResource(RESOURCE + "/model.json").toURI())
                .getParent();
    }
}
