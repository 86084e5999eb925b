package io.screamguard.core.model;

/**
 * Hyperparameters of the random forest.
 *
 * @param trees     number of trees, >= 1 (typical 100 to 300)
 * @param mtry      features tried at each split, >= 0; 0 means floor(sqrt(features))
 * @param maxDepth  maximum tree depth, >= 2 (typical 20)
 * @param maxNodes  maximum leaves per tree, >= 2 (bounds the model size)
 * @param nodeSize  minimum examples in a leaf, >= 1 (typical 1 to 5)
 * @param subsample fraction of the training rows each tree samples (with replacement when 1.0),
 *                  in (0, 1]
 * @param seed      seed of the bootstrap and feature sampling; each tree gets its own seed derived
 *                  from it, so two fits with the same seed give the same forest
 */
public record ForestParams(int trees, int mtry, int maxDepth, int maxNodes, int nodeSize, double subsample,
                           long seed) {

    /** Validates every field and names the bad value. */
    public ForestParams {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be >= 1, got " + trees);
        }
        if (mtry < 0) {
            throw new IllegalArgumentException("mtry must be >= 0 (0 = sqrt of the feature count), got " + mtry);
        }
        if (maxDepth < 2) {
            throw new IllegalArgumentException("maxDepth must be >= 2, got " + maxDepth);
        }
        if (maxNodes < 2) {
            throw new IllegalArgumentException("maxNodes must be >= 2, got " + maxNodes);
        }
        if (nodeSize < 1) {
            throw new IllegalArgumentException("nodeSize must be >= 1, got " + nodeSize);
        }
        if (!(subsample > 0 && subsample <= 1)) {
            throw new IllegalArgumentException("subsample must be in (0, 1], got " + subsample);
        }
    }

    /** The project's defaults (chosen on leave-one-source-out results) with the given tree count and seed. */
    public static ForestParams defaults(int trees, long seed) {
        return new ForestParams(trees, 0, 20, 1000, 3, 1.0, seed);
    }

    /**
     * mtry resolved for a feature count: the explicit value, or floor(sqrt(features)).
     *
     * @throws IllegalArgumentException when an explicit mtry is not below the feature count (with
     *     every feature tried, Smile evaluates splits in parallel and the forest is no longer a
     *     random forest)
     */
    public int mtryFor(int features) {
        if (mtry >= features && features > 1) {
            throw new IllegalArgumentException("mtry must be below the number of features the forest uses ("
                    + features + "), got " + mtry);
        }
        return mtry > 0 ? mtry : Math.max(1, (int) Math.floor(Math.sqrt(features)));
    }
}
