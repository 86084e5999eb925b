package io.screamguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FlatForestTest {

    /** The model the server ships, read from the server module's resources (core cannot depend on server). */
    private static final Path SHIPPED_MODEL = Path.of("..", "server", "src", "main", "resources", "model");

    /**
     * Vectors that reach every branch: each value one of the forest's own thresholds for that feature,
     * one float step below or above it, or the value rounded to float (which may land on either side),
     * with a few NaNs (Smile sends NaN to the false child).
     */
    private static float[] probeAtThresholds(double[][] thresholdsByFeature, Random random) {
        float[] v = new float[thresholdsByFeature.length];
        for (int j = 0; j < v.length; j++) {
            double[] thresholds = thresholdsByFeature[j];
            if (thresholds.length == 0) {
                v[j] = (float) random.nextGaussian();
                continue;
            }
            float t = (float) thresholds[random.nextInt(thresholds.length)];
            v[j] = switch (random.nextInt(8)) {
                case 0 -> Math.nextDown(t);
                case 1 -> Math.nextUp(t);
                case 2 -> Float.NaN;
                default -> t;
            };
        }
        return v;
    }

    /** The forest's thresholds on each summary-vector index (computed once: each lookup scans every split). */
    private static double[][] thresholdsByFeature(FlatForest flat, int size) {
        double[][] thresholds = new double[size][];
        for (int j = 0; j < size; j++) {
            thresholds[j] = flat.thresholdsOn(j);
        }
        return thresholds;
    }

    private static void assertSameAsSmile(ScreamModel model, float[] v, String what) {
        double smile = model.smileProbability(v);
        double flat = model.screamProbability(v);
        assertEquals(Double.doubleToLongBits(smile), Double.doubleToLongBits(flat),
                what + ": Smile " + smile + " vs flat " + flat);
    }

    @Test
    void the_flat_forest_gives_smiles_probabilities_bit_for_bit_on_many_vectors() {
        int[] y = new int[400];
        float[][] x = ScreamModelTest.rows(400, y, 5);
        ScreamModel model = ScreamModel.train(x, y, ForestParams.defaults(60, 5), ScreamModelTest.metadata());
        int size = FeatureSchema.current().size();
        Random random = new Random(9);

        for (float[] row : x) {
            assertSameAsSmile(model, row, "training row");
        }
        int distinct = 0;
        double previous = -1;
        double[][] thresholds = thresholdsByFeature(model.flatForest(), size);
        for (int i = 0; i < 5000; i++) {
            float[] v = probeAtThresholds(thresholds, random);
            assertSameAsSmile(model, v, "probe " + i);
            distinct += model.screamProbability(v) != previous ? 1 : 0;
            previous = model.screamProbability(v);
        }
        assertTrue(distinct > 1000, "the probes reach many leaves, got " + distinct + " changes");
        assertEquals(60, model.flatForest().trees());
    }

    @Test
    void the_flat_forest_maps_a_feature_subset_to_the_whole_vector() {
        int[] y = new int[300];
        float[][] x = ScreamModelTest.rows(300, y, 13);
        List<String> names = FeatureSchema.current().names();
        ModelMetadata subset = new ModelMetadata("subset", FeatureSchema.current().version(), names,
                List.of(names.get(0), names.get(2), names.get(7), names.get(30)), FeatureConfig.analysis(),
                new WindowConfig(1.0, 0.5), new DetectorSettings(0.003, 1, 2), 0.5, 1, ForestParams.defaults(20, 1),
                Map.of());
        ScreamModel model = ScreamModel.train(x, y, ForestParams.defaults(20, 1), subset);
        Random random = new Random(3);
        double[][] thresholds = thresholdsByFeature(model.flatForest(), names.size());

        for (int i = 0; i < 3000; i++) {
            assertSameAsSmile(model, probeAtThresholds(thresholds, random), "probe " + i);
        }
        assertEquals(0, model.flatForest().thresholdsOn(1).length);
    }

    @Test
    void the_shipped_model_scores_the_same_flat_as_through_smile() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHIPPED_MODEL) || System.getenv("CI") != null,
                "the shipped model is in the server module's resources; run from the core module of a full checkout");
        ScreamModel model = ScreamModel.load(SHIPPED_MODEL);
        int size = FeatureSchema.current().size();
        Random random = new Random(11);
        double[][] thresholds = thresholdsByFeature(model.flatForest(), size);

        for (int i = 0; i < 3000; i++) {
            assertSameAsSmile(model, probeAtThresholds(thresholds, random), "probe " + i);
        }
        assertTrue(model.flatForest().splitNodes() > model.trees(), "the shipped forest has split nodes");
    }

    @Test
    void the_shipped_model_says_it_reads_its_model_features_and_no_chroma_or_contrast() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHIPPED_MODEL) || System.getenv("CI") != null,
                "the shipped model is in the server module's resources; run from the core module of a full checkout");
        ScreamModel model = ScreamModel.load(SHIPPED_MODEL);

        List<String> read = model.featuresRead().orElseThrow();

        assertEquals(model.metadata().modelFeatures(), read);
        assertTrue(read.stream().noneMatch(n -> n.startsWith("chroma_") || n.startsWith("contrast")),
                "a live stream of the shipped model skips the chroma and the spectral contrast: " + read);
    }
}
