package io.screamguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreamModelTest {

    static final int SIGNAL = 20;

    @TempDir
    Path dir;

    static float[] probe(float value) {
        float[] v = new float[FeatureSchema.current().size()];
        java.util.Arrays.fill(v, 0, SIGNAL, value);
        return v;
    }

    static ModelMetadata metadata() {
        FeatureSchema schema = FeatureSchema.current();
        return new ModelMetadata("test-model", schema.version(), schema.names(), List.of(), FeatureConfig.analysis(),
                new WindowConfig(1.0, 0.5), new DetectorSettings(0.003, 2, 4), 0.6, 42,
                ForestParams.defaults(20, 42), Map.of("note", "synthetic"));
    }

    /** Class 1 has large values in the first {@value #SIGNAL} features, class 0 small ones; the rest is noise. */
    static float[][] rows(int n, int[] labels, long seed) {
        Random random = new Random(seed);
        int size = FeatureSchema.current().size();
        float[][] x = new float[n][size];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0 ? 1 : 0;
            for (int j = 0; j < size; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            for (int j = 0; j < SIGNAL; j++) {
                x[i][j] += labels[i] == 1 ? 3 : -3;
            }
        }
        return x;
    }

    @Test
    void learns_a_separable_problem_and_scores_probabilities() {
        int[] y = new int[300];
        float[][] x = rows(300, y, 1);

        ScreamModel model = ScreamModel.train(x, y, ForestParams.defaults(20, 7), metadata());

        float[] scream = probe(3);
        float[] quiet = probe(-3);
        assertTrue(model.screamProbability(scream) > 0.9, "scream scored " + model.screamProbability(scream));
        assertTrue(model.screamProbability(quiet) < 0.1, "non-scream scored " + model.screamProbability(quiet));
        double[] importance = model.featureImportance();
        double signal = java.util.Arrays.stream(importance, 0, SIGNAL).average().orElseThrow();
        double noise = java.util.Arrays.stream(importance, SIGNAL, importance.length).average().orElseThrow();
        assertTrue(signal > 5 * noise, "signal importance " + signal + " vs noise " + noise);
    }

    @Test
    void the_same_seed_gives_the_same_forest() {
        int[] y = new int[200];
        float[][] x = rows(200, y, 2);
        int[] probeLabels = new int[50];
        float[][] probes = rows(50, probeLabels, 3);

        ScreamModel first = ScreamModel.train(x, y, ForestParams.defaults(30, 11), metadata());
        ScreamModel second = ScreamModel.train(x, y, ForestParams.defaults(30, 11), metadata());

        for (float[] probe : probes) {
            assertEquals(first.screamProbability(probe), second.screamProbability(probe));
        }
    }

    @Test
    void a_saved_model_loads_with_the_same_scores_and_metadata() throws Exception {
        int[] y = new int[200];
        float[][] x = rows(200, y, 4);
        ScreamModel model = ScreamModel.train(x, y, ForestParams.defaults(10, 5), metadata());

        model.save(dir);
        ScreamModel loaded = ScreamModel.load(dir);

        assertEquals(model.metadata(), loaded.metadata());
        for (float[] row : rows(30, new int[30], 6)) {
            assertEquals(model.screamProbability(row), loaded.screamProbability(row));
        }
    }

    @Test
    void refuses_a_model_of_another_schema_version_saying_how_to_retrain() throws Exception {
        int[] y = new int[60];
        ScreamModel.train(rows(60, y, 8), y, ForestParams.defaults(3, 1), metadata()).save(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = (ObjectNode) json.readTree(dir.resolve(ScreamModel.METADATA_FILE).toFile());
        node.put("schemaVersion", "0-ancient");
        json.writeValue(dir.resolve(ScreamModel.METADATA_FILE).toFile(), node);

        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ScreamModel.load(dir));

        assertTrue(e.getMessage().contains("0-ancient"), e.getMessage());
        assertTrue(e.getMessage().contains("screamguard-cli train"), e.getMessage());
    }

    @Test
    void refuses_a_model_whose_feature_names_differ() throws Exception {
        int[] y = new int[60];
        ScreamModel.train(rows(60, y, 9), y, ForestParams.defaults(3, 1), metadata()).save(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = (ObjectNode) json.readTree(dir.resolve(ScreamModel.METADATA_FILE).toFile());
        node.withArray("featureNames").set(0, json.getNodeFactory().textNode("renamed"));
        node.withArray("modelFeatures").set(0, json.getNodeFactory().textNode("renamed"));
        json.writeValue(dir.resolve(ScreamModel.METADATA_FILE).toFile(), node);

        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ScreamModel.load(dir));

        assertTrue(e.getMessage().contains("renamed"), e.getMessage());
    }

    @Test
    void a_missing_or_corrupt_model_is_a_load_exception() throws Exception {
        ModelLoadException missing = assertThrows(ModelLoadException.class, () -> ScreamModel.load(dir));
        int[] y = new int[60];
        ScreamModel.train(rows(60, y, 10), y, ForestParams.defaults(3, 1), metadata()).save(dir);
        Files.write(dir.resolve(ScreamModel.FOREST_FILE), new byte[] {31, -117, 8, 0, 1, 2, 3});
        ModelLoadException corrupt = assertThrows(ModelLoadException.class, () -> ScreamModel.load(dir));

        assertTrue(missing.getMessage().contains("model.json"), missing.getMessage());
        assertTrue(corrupt.getMessage().contains("retrain"), corrupt.getMessage());
    }

    @Test
    void rejects_a_single_class_and_ragged_rows() {
        int[] y = new int[10];
        float[][] x = rows(10, y, 11);
        java.util.Arrays.fill(y, 0);
        float[][] ragged = {new float[2], new float[2]};

        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> ScreamModel.train(x, y, ForestParams.defaults(3, 1), metadata()));
        assertThrows(IllegalArgumentException.class,
                () -> ScreamModel.train(ragged, new int[] {0, 1}, ForestParams.defaults(3, 1), metadata()));
        assertTrue(single.getMessage().contains("only non-screams"), single.getMessage());
    }

    @Test
    void a_model_on_a_feature_subset_takes_the_whole_vector_and_ignores_the_rest() {
        int[] y = new int[300];
        float[][] x = rows(300, y, 13);
        List<String> names = FeatureSchema.current().names();
        ModelMetadata subset = new ModelMetadata("subset", FeatureSchema.current().version(), names,
                List.of(names.get(0), names.get(2)), FeatureConfig.analysis(), new WindowConfig(1.0, 0.5),
                new DetectorSettings(0.003, 1, 2), 0.5, 1, ForestParams.defaults(20, 1), Map.of());

        ScreamModel model = ScreamModel.train(x, y, ForestParams.defaults(20, 1), subset);

        float[] scream = probe(3);
        float[] sameButNoisy = scream.clone();
        sameButNoisy[1] = 1000;
        assertEquals(model.screamProbability(scream), model.screamProbability(sameButNoisy));
        assertTrue(model.screamProbability(scream) > 0.9);
        assertEquals(0.0, model.featureImportance()[1]);
        assertTrue(model.featureImportance()[0] > 0);
    }

    @Test
    void model_features_must_be_schema_names_in_order() {
        List<String> names = FeatureSchema.current().names();

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new ModelMetadata("m",
                "v", names, List.of("nonsense"), FeatureConfig.analysis(), new WindowConfig(1.0, 0.5),
                new DetectorSettings(0.003, 1, 2), 0.5, 1, ForestParams.defaults(20, 1), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ModelMetadata("m", "v", names,
                List.of(names.get(2), names.get(1)), FeatureConfig.analysis(), new WindowConfig(1.0, 0.5),
                new DetectorSettings(0.003, 1, 2), 0.5, 1, ForestParams.defaults(20, 1), Map.of()));
        assertTrue(unknown.getMessage().contains("nonsense"), unknown.getMessage());
    }

    @Test
    void a_vector_of_the_wrong_length_is_rejected() {
        int[] y = new int[60];
        ScreamModel model = ScreamModel.train(rows(60, y, 12), y, ForestParams.defaults(3, 1), metadata());

        assertThrows(IllegalArgumentException.class, () -> model.screamProbability(new float[1]));
    }
}
