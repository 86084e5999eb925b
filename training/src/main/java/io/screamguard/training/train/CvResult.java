package io.screamguard.training.train;

import io.screamguard.training.evaluation.Evaluation;
import io.screamguard.training.evaluation.Evaluator;
import io.screamguard.training.streams.StreamFigures;
import java.util.List;

/**
 * What one cross-validation (group k-fold or leave-one-source-out) found.
 *
 * @param name             e.g. {@code 5-fold} or {@code leave-one-source-out}
 * @param evaluation       clip figures at the shipped threshold
 * @param scores           out-of-fold clip scores
 * @param telephone        clip figures of the telephone-band versions at the shipped threshold (null when not measured)
 * @param telephoneScores  their scores (null when not measured)
 * @param nested           clip figures with every outer fold judged at the threshold its inner folds
 *                         chose (null when not measured)
 * @param foldThresholds   those thresholds, one per outer fold
 * @param streamCandidates stream figures of every debounce candidate at the shipped threshold (empty when not measured)
 * @param streamChosen     the figures at the debounce the model ships with (null when not measured)
 */
record CvResult(String name, Evaluation evaluation, double[] scores, Evaluation telephone, double[] telephoneScores,
                Evaluator.Judged nested, List<Double> foldThresholds, List<StreamFigures> streamCandidates,
                StreamFigures streamChosen) {

    /** This result with its stream figures taken at the k-of-n the model ships with (chosen on another evaluation). */
    CvResult atDebounce(int k, int n) {
        StreamFigures at = streamCandidates.stream()
                .filter(f -> f.config().debounceK() == k && f.config().debounceN() == n).findFirst().orElse(null);
        return new CvResult(name, evaluation, scores, telephone, telephoneScores, nested, foldThresholds,
                streamCandidates, at);
    }
}
