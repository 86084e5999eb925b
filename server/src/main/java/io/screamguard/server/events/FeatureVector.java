package io.screamguard.server.events;

import java.util.List;

/**
 * The summary vector of one window with its feature names (same length, same order).
 *
 * @param names  feature names from the model's schema
 * @param values the values
 */
public record FeatureVector(List<String> names, float[] values) {
    public FeatureVector {
        names = List.copyOf(names);
        values = values.clone();
        if (values.length != 0 && names.size() != values.length) {
            throw new IllegalArgumentException("feature names and values differ in length: "
                    + names.size() + " names, " + values.length + " values");
        }
    }

    /** No features (nothing was scored). */
    public static FeatureVector empty() {
        return new FeatureVector(List.of(), new float[0]);
    }
}
