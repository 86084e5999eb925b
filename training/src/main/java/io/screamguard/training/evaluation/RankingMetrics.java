package io.screamguard.training.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Threshold-free figures of scores against labels (1 = scream). Pure functions. */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * Area under the ROC curve: the probability that a random scream scores above a random
     * non-scream, ties counting one half (Mann-Whitney U).
     *
     * @return NaN when either class is absent
     */
    public static double rocAuc(double[] scores, int[] labels) {
        checkLengths(scores, labels);
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPositives = 0;
        int positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double meanRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[order[t]] == 1) {
                    rankSumPositives += meanRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double u = rankSumPositives - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * Area under the precision-recall curve as average precision: the mean, over screams, of the
     * precision among all items scoring at least that scream's score (tied scores share one
     * precision, so ties cannot flatter).
     *
     * @return NaN when there are no screams
     */
    public static double prAuc(double[] scores, int[] labels) {
        checkLengths(scores, labels);
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int totalPositives = 0;
        for (int label : labels) {
            totalPositives += label == 1 ? 1 : 0;
        }
        if (totalPositives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        int truePositives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            int groupPositives = 0;
            for (int t = i; t <= j; t++) {
                groupPositives += labels[order[t]] == 1 ? 1 : 0;
            }
            truePositives += groupPositives;
            double precision = (double) truePositives / (j + 1);
            sum += groupPositives * precision;
            i = j + 1;
        }
        return sum / totalPositives;
    }

    static void checkLengths(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length
                    + " vs " + labels.length);
        }
        for (int label : labels) {
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + label);
            }
        }
    }
}
