package io.screamguard.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.core.model.ScreamClassifier;
import io.screamguard.training.dataset.Clip;
import io.screamguard.training.windows.ClipWindows;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipScorerTest {

    /** The "probability" is the vector's first value. */
    private static final ScreamClassifier FIRST_VALUE = summary -> summary[0];

    private static ClipWindows clip(float[] probabilities, double[] rms) {
        float[][] summaries = new float[probabilities.length][];
        for (int i = 0; i < summaries.length; i++) {
            summaries[i] = new float[] {probabilities[i]};
        }
        return new ClipWindows(new Clip(Path.of("x.wav"), "s", "g", 0), summaries, rms, 1.0);
    }

    @Test
    void the_clip_score_is_the_highest_probability_of_a_loud_window() {
        ClipWindows windows = clip(new float[] {0.2f, 0.9f, 0.4f}, new double[] {0.1, 0.001, 0.1});

        assertEquals(0.4, ClipScorer.clipScore(FIRST_VALUE, windows, 0.003), 1e-6);
        assertEquals(0.9, ClipScorer.clipScore(FIRST_VALUE, windows, 0.0), 1e-6);
    }

    @Test
    void a_clip_with_only_quiet_windows_scores_zero() {
        ClipWindows windows = clip(new float[] {0.8f, 0.9f}, new double[] {0.001, 0.002});

        assertEquals(0.0, ClipScorer.clipScore(FIRST_VALUE, windows, 0.003));
        assertEquals(List.of(0.0), java.util.Arrays.stream(
                ClipScorer.clipScores(FIRST_VALUE, List.of(windows), 0.003)).boxed().toList());
    }
}
