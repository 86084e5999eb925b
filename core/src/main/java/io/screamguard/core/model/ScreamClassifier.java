package io.screamguard.core.model;

/**
 * Scores one summary vector (a window's features in {@code FeatureSchema} order).
 *
 * <p>Implementations are thread-safe: one instance serves every upload and stream at once.
 */
public interface ScreamClassifier {

    /**
     * The probability that the window holds a scream.
     *
     * @param summary the window's summary vector, exactly {@code FeatureSchema.current().size()} values
     * @return a probability in [0, 1]
     * @throws IllegalArgumentException when the vector has the wrong length
     */
    double screamProbability(float[] summary);
}
