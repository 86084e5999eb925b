package io.screamguard.core.model;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.WindowConfig;
import java.util.List;
import java.util.Map;

/**
 * What {@code model.json} says about a model: enough to compute exactly the features it was
 * trained on, to run the live detector as it was tuned, and to judge it.
 *
 * @param modelVersion         an identifier of this model, e.g. {@code rf-20261121-seed42}
 * @param schemaVersion        the {@code FeatureSchema} version the model was trained with
 * @param featureNames         the summary-vector names in order (the whole {@code FeatureSchema})
 * @param modelFeatures        the names, in schema order, of the features the forest actually
 *                             uses (a subset of {@code featureNames}; empty = all). The classifier
 *                             still takes the whole summary vector and picks these itself
 * @param featureConfig        the feature settings (analysis sample rate, FFT, bands)
 * @param window               window length and hop in seconds
 * @param detector             loudness gate and debounce the model was tuned with
 * @param recommendedThreshold the default clip/window threshold, in [0, 1]
 * @param seed                 the training seed (SMOTE, folds, forest)
 * @param forest               the forest hyperparameters
 * @param training             everything else the report shows: SMOTE and augmentation settings,
 *                             data summary per source with licences, metrics, threshold curve,
 *                             library versions, creation time (free-form JSON)
 */
public record ModelMetadata(String modelVersion, String schemaVersion, List<String> featureNames,
                            List<String> modelFeatures, FeatureConfig featureConfig, WindowConfig window, DetectorSettings detector,
                            double recommendedThreshold, long seed, ForestParams forest,
                            Map<String, Object> training) {

    /** Validates every field and names the bad value. */
    public ModelMetadata {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("modelVersion must not be blank, got '" + modelVersion + "'");
        }
        if (schemaVersion == null || schemaVersion.isBlank()) {
            throw new IllegalArgumentException("schemaVersion must not be blank, got '" + schemaVersion + "'");
        }
        if (featureNames == null || featureNames.isEmpty()) {
            throw new IllegalArgumentException("featureNames must not be empty, got " + featureNames);
        }
        if (featureConfig == null || window == null || detector == null || forest == null) {
            throw new IllegalArgumentException("featureConfig, window, detector and forest are required, got "
                    + featureConfig + ", " + window + ", " + detector + ", " + forest);
        }
        if (!(recommendedThreshold >= 0 && recommendedThreshold <= 1)) {
            throw new IllegalArgumentException("recommendedThreshold must be in [0, 1], got " + recommendedThreshold);
        }
        featureNames = List.copyOf(featureNames);
        modelFeatures = modelFeatures == null || modelFeatures.isEmpty() ? featureNames : List.copyOf(modelFeatures);
        int previous = -1;
        for (String name : modelFeatures) {
            int index = featureNames.indexOf(name);
            if (index <= previous) {
                throw new IllegalArgumentException("modelFeatures must be distinct feature names in schema order, got '"
                        + name + "' " + (index < 0 ? "which is not in featureNames" : "out of order"));
            }
            previous = index;
        }
        training = training == null ? Map.of() : training;
    }

    /**
     * Metadata of a model that uses every feature of the schema (the shape of the first contract,
     * kept for callers that do not select features).
     */
    public ModelMetadata(String modelVersion, String schemaVersion, List<String> featureNames,
                         FeatureConfig featureConfig, WindowConfig window, DetectorSettings detector,
                         double recommendedThreshold, long seed, ForestParams forest, Map<String, Object> training) {
        this(modelVersion, schemaVersion, featureNames, List.of(), featureConfig, window, detector,
                recommendedThreshold, seed, forest, training);
    }

    /** A copy with another threshold and training section (used once cross-validation has run). */
    public ModelMetadata withEvaluation(double threshold, Map<String, Object> newTraining) {
        return new ModelMetadata(modelVersion, schemaVersion, featureNames, modelFeatures, featureConfig, window,
                detector, threshold, seed, forest, newTraining);
    }

    /** A copy with other detector settings (the debounce chosen on stream figures after cross-validation). */
    public ModelMetadata withDetector(DetectorSettings newDetector) {
        return new ModelMetadata(modelVersion, schemaVersion, featureNames, modelFeatures, featureConfig, window,
                newDetector, recommendedThreshold, seed, forest, training);
    }

    /** Positions in the summary vector of the features the forest uses. */
    public int[] modelFeatureIndices() {
        return modelFeatures.stream().mapToInt(featureNames::indexOf).toArray();
    }
}
