package io.screamguard.training.train;

import io.screamguard.training.evaluation.ThresholdRule;
import io.screamguard.training.streams.StreamPlan;

/**
 * What cross-validation measures in each outer fold besides the clip scores.
 *
 * @param streams        also run the held-out clips as synthetic streams (null = no)
 * @param innerFolds     nested threshold choice: group-aware folds inside each outer training set
 *                       (0 = none; else >= 2)
 * @param innerTrees     trees of the inner forests (a forest's probability is a mean over trees:
 *                       fewer trees estimate the same score with more noise, at a fraction of the cost)
 * @param rule           the threshold rule the inner folds apply
 */
public record FoldPlan(StreamPlan streams, int innerFolds, int innerTrees, ThresholdRule rule) {

    public FoldPlan {
        if (innerFolds != 0 && innerFolds < 2) {
            throw new IllegalArgumentException("--inner-folds must be 0 (no nested threshold) or >= 2, got " + innerFolds);
        }
        if (innerTrees < 1) {
            throw new IllegalArgumentException("--inner-trees must be >= 1, got " + innerTrees);
        }
        if (rule == null) {
            throw new IllegalArgumentException("rule is required");
        }
    }
}
