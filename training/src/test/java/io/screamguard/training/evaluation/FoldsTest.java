package io.screamguard.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.training.dataset.Clip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldsTest {

    private static List<Clip> clips() {
        List<Clip> clips = new ArrayList<>();
        for (int g = 0; g < 20; g++) {
            for (int i = 0; i < 1 + g % 4; i++) {
                clips.add(new Clip(Path.of("a/" + g + "/" + i), g < 10 ? "alpha" : "beta", "g" + g, i == 0 && g % 3 == 0 ? 1 : 0));
            }
        }
        for (int i = 0; i < 6; i++) {
            clips.add(new Clip(Path.of("c/" + i), "gamma", "c" + i, 0));
        }
        return clips;
    }

    @Test
    void no_group_straddles_two_folds() {
        List<Clip> clips = clips();

        Folds.Split split = Folds.groupStratifiedKFold(clips, 5, 1);

        Map<String, Integer> foldOfGroup = new HashMap<>();
        for (int i = 0; i < clips.size(); i++) {
            Integer previous = foldOfGroup.putIfAbsent(clips.get(i).groupKey(), split.foldOfClip()[i]);
            if (previous != null) {
                assertEquals(previous, split.foldOfClip()[i], "group " + clips.get(i).groupKey() + " is split");
            }
        }
    }

    @Test
    void every_fold_gets_screams_and_a_fair_share_of_clips() {
        List<Clip> clips = clips();
        int k = 3;

        Folds.Split split = Folds.groupStratifiedKFold(clips, k, 7);

        int[] screams = new int[k];
        int[] all = new int[k];
        for (int i = 0; i < clips.size(); i++) {
            all[split.foldOfClip()[i]]++;
            screams[split.foldOfClip()[i]] += clips.get(i).label();
        }
        for (int f = 0; f < k; f++) {
            assertTrue(screams[f] >= 2, "fold " + f + " has " + screams[f] + " screams");
            assertTrue(Math.abs(all[f] - clips.size() / (double) k) <= 4, "fold " + f + " has " + all[f] + " clips");
        }
    }

    @Test
    void the_same_seed_gives_the_same_split() {
        List<Clip> clips = clips();

        org.junit.jupiter.api.Assertions.assertArrayEquals(
                Folds.groupStratifiedKFold(clips, 4, 3).foldOfClip(),
                Folds.groupStratifiedKFold(clips, 4, 3).foldOfClip());
    }

    @Test
    void rejects_k_out_of_range_naming_the_range() {
        List<Clip> clips = clips();

        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Folds.groupStratifiedKFold(clips, 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> Folds.groupStratifiedKFold(clips, 1, 1));
        assertTrue(tooMany.getMessage().contains("26"), tooMany.getMessage());
    }

    @Test
    void leave_one_source_out_holds_out_each_source_once() {
        List<Clip> clips = clips();

        Folds.Split split = Folds.leaveOneSourceOut(clips);

        assertEquals(List.of("alpha", "beta", "gamma"), split.foldNames());
        for (int i = 0; i < clips.size(); i++) {
            assertEquals(clips.get(i).source(), split.foldNames().get(split.foldOfClip()[i]));
        }
        assertThrows(IllegalArgumentException.class,
                () -> Folds.leaveOneSourceOut(clips.subList(0, 3)));
    }
}
