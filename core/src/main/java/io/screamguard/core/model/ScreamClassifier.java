package io.screamguard.core.model;

import java.util.List;
import java.util.Optional;

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

    /**
     * The names of the summary values this classifier reads, when it reads only some: a live
     * stream then computes only the frame features those values need (the others are NaN in the
     * vectors it is given), which makes a hop cheaper. The default, empty, means every value may be
     * read, so every value is computed; a wrapper that hands the vectors on (to log them, say) must
     * keep that default to get whole vectors.
     *
     * @return the names read, in schema order, or empty for all
     */
    default Optional<List<String>> featuresRead() {
        return Optional.empty();
    }
}
