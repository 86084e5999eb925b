package io.screamguard.training.evaluation;

import io.screamguard.core.model.ScreamClassifier;
import io.screamguard.training.windows.ClipWindows;
import java.util.List;

/**
 * Pools window probabilities into a clip score exactly as the live detector decides: windows
 * whose RMS is below the loudness gate are not scored; the clip score is the highest probability
 * of a scored window, 0 when every window is quiet. A clip is called a scream when its score
 * reaches the threshold.
 */
public final class ClipScorer {

    private ClipScorer() {
    }

    /**
     * @param classifier the window classifier
     * @param windows    the clip's windows
     * @param quietRms   the loudness gate (windows with RMS below it are skipped)
     * @return the clip score in [0, 1]
     */
    public static double clipScore(ScreamClassifier classifier, ClipWindows windows, double quietRms) {
        double best = 0;
        for (int i = 0; i < windows.size(); i++) {
            if (windows.rms()[i] >= quietRms) {
                best = Math.max(best, classifier.screamProbability(windows.summaries()[i]));
            }
        }
        return best;
    }

    /** Clip scores of many clips, in order, on all cores. */
    public static double[] clipScores(ScreamClassifier classifier, List<ClipWindows> clips, double quietRms) {
        return clips.parallelStream().mapToDouble(c -> clipScore(classifier, c, quietRms)).toArray();
    }
}
