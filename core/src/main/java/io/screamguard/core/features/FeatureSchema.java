package io.screamguard.core.features;

import java.util.List;
import java.util.Objects;

/**
 * The names and order of the summary vector, and a version string a model records so that loading
 * can refuse a model trained on a different vector.
 *
 * <p>The names are derived from the summary code itself (see {@code WindowSummarizer}), so they
 * always match the vector. Immutable and thread-safe.
 */
public final class FeatureSchema {
    /**
     * Version of the summary definition; bump it whenever the vector's meaning changes.
     * {@code sg-features-1}: 117 values at {@link FeatureConfig#analysis()}. {@code sg-features-2}:
     * the same 117 values (same names, order and numbers) followed by 11 added ones: roughness,
     * spectral flux, harmonic-to-noise ratio, pitch height, range and slope, syllable-rate
     * modulation (128 values).
     */
    public static final String VERSION = "sg-features-2";

    private final String version;
    private final List<String> names;

    private FeatureSchema(String version, List<String> names) {
        this.version = version;
        this.names = List.copyOf(names);
    }

    /** @return the schema of the summary vector at {@link FeatureConfig#analysis()} (computed once) */
    public static FeatureSchema current() {
        return Current.SCHEMA;
    }

    /** Lazy holder: the current schema is built on first use and is immutable. */
    private static final class Current {
        static final FeatureSchema SCHEMA = of(FeatureConfig.analysis());
    }

    /**
     * @param config the analysis settings (the number of MFCCs and contrast bands change the names)
     * @return the schema of the summary vector for that configuration
     */
    public static FeatureSchema of(FeatureConfig config) {
        Objects.requireNonNull(config, "config");
        return FeaturePlan.of(config).schema;
    }

    /** The schema of the current {@link #VERSION} with these names (for {@link FeaturePlan}). */
    static FeatureSchema withNames(List<String> names) {
        return new FeatureSchema(VERSION, names);
    }

    /** @return the version string, e.g. {@code "sg-features-2"} */
    public String version() {
        return version;
    }

    /** @return the feature names in vector order */
    public List<String> names() {
        return names;
    }

    /** @return the number of features */
    public int size() {
        return names.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema other && version.equals(other.version) && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, names);
    }

    @Override
    public String toString() {
        return version + " (" + names.size() + " features)";
    }
}
