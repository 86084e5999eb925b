package io.screamguard.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.screamguard.core.features.FeatureSchema;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;

/**
 * A trained Smile random forest with its metadata, stored as a directory holding
 * {@value #FOREST_FILE} (the forest, Java serialization, gzip) and {@value #METADATA_FILE}.
 *
 * <p>{@link #screamProbability} is the forest's soft vote for class 1 (scream). Thread-safe and
 * immutable once built.
 */
public final class ScreamModel implements ScreamClassifier {

    /** The forest file in a model directory. */
    public static final String FOREST_FILE = "forest.ser.gz";
    /** The metadata file in a model directory. */
    public static final String METADATA_FILE = "model.json";

    private static final String LABEL = "scream";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Only Smile and JDK classes may be deserialized from a forest file. */
    private static final ObjectInputFilter FOREST_FILTER =
            ObjectInputFilter.Config.createFilter("maxdepth=10000;smile.**;java.**;!*");

    private final RandomForest forest;
    private final StructType predictors;
    private final ModelMetadata metadata;
    private final int[] used;
    /** The same forest as primitive arrays, what {@link #screamProbability} walks (built at load). */
    private final FlatForest flat;

    private ScreamModel(RandomForest forest, ModelMetadata metadata) {
        this.forest = forest;
        this.predictors = forest.schema();
        this.metadata = metadata;
        this.used = metadata.modelFeatureIndices();
        if (predictors.length() != used.length) {
            throw new IllegalArgumentException("forest has " + predictors.length() + " predictors but metadata lists "
                    + used.length + " model features");
        }
        this.flat = FlatForest.flatten(forest, used);
    }

    /**
     * Trains a forest.
     *
     * @param x        rows of whole summary vectors, all of {@code metadata.featureNames().size()}
     *                 values (the forest sees only {@code metadata.modelFeatures()})
     * @param y        labels, 1 = scream, 0 = non-scream; both classes must occur
     * @param params   forest hyperparameters (with the seed)
     * @param metadata the metadata to store with the model
     * @return the trained model
     * @throws IllegalArgumentException for empty or ragged data or a single class
     */
    public static ScreamModel train(float[][] x, int[] y, ForestParams params, ModelMetadata metadata) {
        int features = metadata.featureNames().size();
        int[] used = metadata.modelFeatureIndices();
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many rows as labels and at least one row, got "
                    + x.length + " rows and " + y.length + " labels");
        }
        boolean[] seen = new boolean[2];
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != features) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, expected " + features);
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + y[i] + " at row " + i);
            }
            seen[y[i]] = true;
            double[] row = new double[used.length];
            for (int j = 0; j < used.length; j++) {
                row[j] = x[i][used[j]];
            }
            rows[i] = row;
        }
        if (!seen[0] || !seen[1]) {
            throw new IllegalArgumentException("training needs both screams and non-screams, got only "
                    + (seen[1] ? "screams" : "non-screams"));
        }
        DataFrame data = DataFrame.of(rows, columnNames(used.length)).merge(IntVector.of(LABEL, y));
        RandomForest forest = RandomForest.fit(Formula.lhs(LABEL), data, params.trees(), params.mtryFor(used.length),
                SplitRule.GINI, params.maxDepth(), params.maxNodes(), params.nodeSize(), params.subsample(),
                null, treeSeeds(params));
        return new ScreamModel(forest, metadata);
    }

    /**
     * One distinct seed per tree, derived from the forest seed. Smile 3.1.1 seeds each tree's
     * thread-local generator with it before bootstrapping and growing the tree (and ignores seeds
     * <= 1, hence the offset), so the same seed gives the same forest whatever the thread schedule.
     */
    private static LongStream treeSeeds(ForestParams params) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(params.seed());
        long[] seeds = new long[params.trees()];
        java.util.Set<Long> used = new java.util.HashSet<>();
        for (int t = 0; t < seeds.length; t++) {
            long seed;
            do {
                seed = (random.nextLong() >>> 2) + 2;
            } while (!used.add(seed));
            seeds[t] = seed;
        }
        return LongStream.of(seeds);
    }

    /** Column names for the forest: positional, so that renaming a feature cannot silently remap it. */
    private static String[] columnNames(int features) {
        String[] names = new String[features];
        for (int j = 0; j < features; j++) {
            names[j] = "f" + j;
        }
        return names;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Scored on the flattened forest ({@code FlatForest}): Smile's soft vote bit for bit, without
     * allocating.
     */
    @Override
    public double screamProbability(float[] summary) {
        checkLength(summary);
        return flat.screamProbability(summary);
    }

    /** @return the features the forest reads, {@code metadata().modelFeatures()} */
    @Override
    public Optional<List<String>> featuresRead() {
        return Optional.of(metadata.modelFeatures());
    }

    /**
     * The same soft vote through Smile's own {@code RandomForest.predict} (a tuple, a row and a
     * posterior per call): the reference the flattened forest is tested and benchmarked against.
     * Equal to {@link #screamProbability} bit for bit; slower, so not for scoring.
     *
     * @param summary the window's summary vector, exactly {@code FeatureSchema.current().size()} values
     * @return a probability in [0, 1]
     */
    public double smileProbability(float[] summary) {
        checkLength(summary);
        double[] row = new double[used.length];
        for (int j = 0; j < row.length; j++) {
            row[j] = summary[used[j]];
        }
        double[] posterior = new double[2];
        forest.predict(Tuple.of(row, predictors), posterior);
        return posterior[1];
    }

    /** @return the flattened forest (for tests) */
    FlatForest flatForest() {
        return flat;
    }

    private void checkLength(float[] summary) {
        if (summary.length != metadata.featureNames().size()) {
            throw new IllegalArgumentException("summary vector has " + summary.length + " values, the model expects "
                    + metadata.featureNames().size());
        }
    }

    /** The metadata stored with the model. */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The same forest with other metadata (e.g. after cross-validation filled in the metrics). */
    public ScreamModel withMetadata(ModelMetadata newMetadata) {
        return new ScreamModel(forest, newMetadata);
    }

    /**
     * Gini importance per feature, in {@code featureNames} order (the total decrease of impurity
     * over all trees, not normalised; 0 for features the forest does not use).
     */
    public double[] featureImportance() {
        double[] importance = new double[metadata.featureNames().size()];
        double[] forestImportance = forest.importance();
        for (int j = 0; j < used.length; j++) {
            importance[used[j]] = forestImportance[j];
        }
        return importance;
    }

    /** Number of trees. */
    public int trees() {
        return forest.size();
    }

    /**
     * Writes {@value #FOREST_FILE} and {@value #METADATA_FILE} into {@code dir} (created if needed).
     *
     * @throws IOException when the directory cannot be written
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream file = Files.newOutputStream(dir.resolve(FOREST_FILE));
             ObjectOutputStream out = new ObjectOutputStream(
                     new BufferedOutputStream(new GZIPOutputStream(file, 1 << 16)))) {
            out.writeObject(forest);
        }
        JSON.writeValue(dir.resolve(METADATA_FILE).toFile(), metadata);
    }

    /**
     * Writes only {@value #METADATA_FILE} (the metadata as JSON) to a stream.
     *
     * @throws IOException when the stream fails
     */
    public static void writeMetadata(ModelMetadata metadata, OutputStream out) throws IOException {
        JSON.writeValue(out, metadata);
    }

    /**
     * Loads a model directory and checks it against the features this build computes.
     *
     * @param dir a directory written by {@link #save}
     * @return the model
     * @throws ModelLoadException when a file is missing or unreadable, or the feature schema differs
     */
    public static ScreamModel load(Path dir) throws ModelLoadException {
        ModelMetadata metadata;
        try (InputStream in = Files.newInputStream(dir.resolve(METADATA_FILE))) {
            metadata = readMetadata(in, dir.toString());
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("no " + METADATA_FILE + " in model directory " + dir
                    + ": point MODEL_PATH / --model at a directory written by `screamguard-cli train`");
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + dir.resolve(METADATA_FILE) + ": " + e.getMessage(), e);
        }
        checkSchema(metadata, dir.toString());
        try (InputStream in = Files.newInputStream(dir.resolve(FOREST_FILE))) {
            return new ScreamModel(readForest(in, dir.toString()), metadata);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("no " + FOREST_FILE + " in model directory " + dir
                    + ": the directory is incomplete; retrain with `screamguard-cli train --data DIR --out " + dir + "`");
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + dir.resolve(FOREST_FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model from the classpath (the server ships its default model under {@code model/}).
     *
     * @param classpathDir a resource directory such as {@code "model"}
     * @throws ModelLoadException when a resource is missing or unreadable, or the schema differs
     */
    public static ScreamModel loadResource(String classpathDir) throws ModelLoadException {
        String base = classpathDir.endsWith("/") ? classpathDir : classpathDir + "/";
        ClassLoader loader = ScreamModel.class.getClassLoader();
        String where = "classpath:" + base;
        ModelMetadata metadata;
        try (InputStream in = loader.getResourceAsStream(base + METADATA_FILE)) {
            if (in == null) {
                throw new ModelLoadException("no " + base + METADATA_FILE + " on the classpath: the jar was built "
                        + "without its model; rebuild it, or set MODEL_PATH to a model directory");
            }
            metadata = readMetadata(in, where);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + where + METADATA_FILE + ": " + e.getMessage(), e);
        }
        checkSchema(metadata, where);
        try (InputStream in = loader.getResourceAsStream(base + FOREST_FILE)) {
            if (in == null) {
                throw new ModelLoadException("no " + base + FOREST_FILE + " on the classpath: the jar was built "
                        + "with an incomplete model; rebuild it, or set MODEL_PATH to a model directory");
            }
            return new ScreamModel(readForest(in, where), metadata);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + where + FOREST_FILE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@value #METADATA_FILE}.
     *
     * @throws ModelLoadException when it is not valid model metadata
     */
    public static ModelMetadata readMetadata(InputStream in, String where) throws ModelLoadException {
        try {
            return JSON.readValue(in, ModelMetadata.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException(METADATA_FILE + " in " + where + " is not valid model metadata ("
                    + e.getMessage() + "): retrain with `screamguard-cli train --data DIR --out MODEL_DIR`", e);
        }
    }

    /**
     * Refuses metadata whose feature schema differs from the one this build computes.
     *
     * @throws ModelLoadException naming both versions and the command to retrain
     */
    public static void checkSchema(ModelMetadata metadata, String where) throws ModelLoadException {
        FeatureSchema current = FeatureSchema.current();
        if (!metadata.schemaVersion().equals(current.version())) {
            throw new ModelLoadException("the model in " + where + " was trained on feature schema "
                    + metadata.schemaVersion() + " but this build computes schema " + current.version()
                    + ": retrain it with `screamguard-cli train --data ../shared/datasets --out MODEL_DIR` "
                    + "(the README gives the exact command) or use a build of the matching version");
        }
        if (!metadata.featureNames().equals(current.names())) {
            List<String> differences = new ArrayList<>();
            int n = Math.max(metadata.featureNames().size(), current.names().size());
            for (int i = 0; i < n && differences.size() < 5; i++) {
                String a = i < metadata.featureNames().size() ? metadata.featureNames().get(i) : "(none)";
                String b = i < current.names().size() ? current.names().get(i) : "(none)";
                if (!a.equals(b)) {
                    differences.add("#" + i + " model '" + a + "' vs code '" + b + "'");
                }
            }
            throw new ModelLoadException("the model in " + where + " lists " + metadata.featureNames().size()
                    + " features that differ from the " + current.size() + " this build computes under the same schema "
                    + current.version() + " (" + String.join(", ", differences) + "): retrain it with "
                    + "`screamguard-cli train --data ../shared/datasets --out MODEL_DIR`");
        }
    }

    private static RandomForest readForest(InputStream raw, String where) throws ModelLoadException {
        try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)))) {
            in.setObjectInputFilter(FOREST_FILTER);
            Object forest = in.readObject();
            if (!(forest instanceof RandomForest rf)) {
                throw new ModelLoadException(FOREST_FILE + " in " + where + " holds a "
                        + forest.getClass().getName() + ", not a Smile RandomForest: retrain the model");
            }
            return rf;
        } catch (InvalidClassException e) {
            throw new ModelLoadException(FOREST_FILE + " in " + where + " was written by another Smile version ("
                    + e.getMessage() + "): retrain with `screamguard-cli train --data DIR --out MODEL_DIR`", e);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new ModelLoadException(FOREST_FILE + " in " + where + " is unreadable (" + e
                    + "): retrain with `screamguard-cli train --data DIR --out MODEL_DIR`", e);
        }
    }
}
