package io.screamguard.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingSetTest {

    /** Clip c's example r is the row {c, r}. */
    private static List<float[][]> clips(int... examplesPerClip) {
        List<float[][]> clips = new ArrayList<>();
        for (int c = 0; c < examplesPerClip.length; c++) {
            float[][] rows = new float[examplesPerClip[c]][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = new float[] {c, r};
            }
            clips.add(rows);
        }
        return clips;
    }

    @Test
    void a_stratum_cap_takes_every_clips_first_example_before_any_second_one() {
        List<float[]> kept = TrainingSet.capped(clips(4, 4, 1, 4), 5, new SplittableRandom(1));

        assertEquals(5, kept.size());
        long firsts = kept.stream().filter(row -> row[1] == 0).count();
        assertEquals(4, firsts, "all four clips give their first example");
        assertEquals(4, kept.stream().map(row -> (int) row[0]).distinct().count());
    }

    @Test
    void without_a_cap_or_below_it_every_example_is_kept() {
        assertEquals(13, TrainingSet.capped(clips(4, 4, 1, 4), 0, new SplittableRandom(1)).size());
        assertEquals(13, TrainingSet.capped(clips(4, 4, 1, 4), 100, new SplittableRandom(1)).size());
    }
}
