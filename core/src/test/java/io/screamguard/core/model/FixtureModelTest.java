package io.screamguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Small models written by {@code screamguard-cli train} (5 trees, synthetic tones vs noise) and
 * kept in test resources: if a change to the model code, the metadata format, Smile or the
 * feature schema breaks loading the models people already have, these tests say so.
 *
 * <p>{@code fixture-v2} is trained on the current schema {@code sg-features-2}: it must load and
 * score as it did. {@code fixture-v1} was trained on {@code sg-features-1} (117 values, before
 * roughness, spectral flux, HNR, the pitch contour and the syllable rate were added): it must be
 * refused with a message that names both schemas and how to retrain, which is what a user with an
 * old model sees. When the feature schema changes on purpose, keep the newest fixture as the
 * refused old one, and write the new one from the synthetic folder of the training tests'
 * {@code SyntheticData.write(root, new String[] {"synth"}, 6, 12, 7)} with
 * {@code screamguard-cli train --data ROOT/synth --out DIR --trees 5 --no-cv --seed 7}, then
 * update the expected probabilities.
 */
class FixtureModelTest {

    private static final String CURRENT = "io/screamguard/core/model/fixture-v2";
    private static final String OLD = "io/screamguard/core/model/fixture-v1";
    private static final double ZERO_PROBE_PROBABILITY = 0.022727272727272724;
    private static final double SINE_PROBE_PROBABILITY = 0.022727272727272724;
    private static final double SCREAM_PROBE_PROBABILITY = 0.2149176327028676;

    /** The summary of one second of a loud harmonic tone at 800 Hz, like the fixture's "screams". */
    private static float[] screamProbe() {
        float[] tone = new float[16000];
        for (int i = 0; i < tone.length; i++) {
            double phase = 2 * Math.PI * 800 * i / 16000.0;
            tone[i] = (float) (0.3 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase)));
        }
        return new WindowFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT).summarize(tone);
    }

    private static float[] sineProbe() {
        float[] probe = new float[FeatureSchema.current().size()];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = (float) Math.sin(i);
        }
        return probe;
    }

    @Test
    void the_kept_model_still_loads_from_a_directory_and_scores_as_it_did() throws Exception {
        Path dir = resourceDir(CURRENT);

        ScreamModel model = ScreamModel.load(dir);

        assertEquals("screamguard-rf-20261204-seed7", model.metadata().modelVersion());
        assertEquals("sg-features-2", model.metadata().schemaVersion());
        assertEquals(7, model.metadata().seed());
        assertEquals(5, model.trees());
        assertEquals(ZERO_PROBE_PROBABILITY, model.screamProbability(new float[FeatureSchema.current().size()]), 1e-9);
        assertEquals(SINE_PROBE_PROBABILITY, model.screamProbability(sineProbe()), 1e-9);
        assertEquals(SCREAM_PROBE_PROBABILITY, model.screamProbability(screamProbe()), 1e-9);
    }

    @Test
    void the_kept_model_loads_from_the_classpath_as_the_server_loads_its_model() throws Exception {
        ScreamModel model = ScreamModel.loadResource(CURRENT);

        assertEquals(FeatureSchema.current().version(), model.metadata().schemaVersion());
        assertEquals(SINE_PROBE_PROBABILITY, model.screamProbability(sineProbe()), 1e-9);
    }

    @Test
    void a_model_of_the_old_schema_is_refused_naming_both_schemas_and_how_to_retrain() throws Exception {
        Path dir = resourceDir(OLD);

        ModelLoadException fromDirectory = assertThrows(ModelLoadException.class, () -> ScreamModel.load(dir));
        ModelLoadException fromClasspath = assertThrows(ModelLoadException.class, () -> ScreamModel.loadResource(OLD));

        for (ModelLoadException e : new ModelLoadException[] {fromDirectory, fromClasspath}) {
            assertTrue(e.getMessage().contains("sg-features-1"), e.getMessage());
            assertTrue(e.getMessage().contains("sg-features-2"), e.getMessage());
            assertTrue(e.getMessage().contains("retrain it with `screamguard-cli train"), e.getMessage());
        }
    }

    @Test
    void a_missing_classpath_model_is_a_load_exception_naming_the_fix() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ScreamModel.loadResource("no/such/model"));

        assertTrue(e.getMessage().contains("MODEL_PATH"), e.getMessage());
    }

    private static Path resourceDir(String resource) throws URISyntaxException {
        return Path.of(FixtureModelTest.class.getClassLoader().getResource(resource + "/model.json").toURI())
                .getParent();
    }
}
