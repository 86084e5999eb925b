package io.screamguard.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.screamguard.training.dataset.Clip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private final List<Clip> clips = new ArrayList<>();
    private final List<Double> scores = new ArrayList<>();

    private void add(int label, String subtype, double score) {
        clips.add(new Clip(Path.of("c" + clips.size()), "s", "g" + clips.size(), label, subtype));
        scores.add(score);
    }

    private double[] scores() {
        return scores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** 10 screams at 0.605..0.92; 100 speech clips at 0.0..0.5; 20 laughs, two of them at 0.70 and 0.80. */
    private void laughterThatLooksLikeScreams() {
        for (int i = 0; i < 10; i++) {
            add(1, "scream", 0.605 + 0.035 * i);
        }
        for (int i = 0; i < 100; i++) {
            add(0, "speech", 0.005 * i);
        }
        for (int i = 0; i < 18; i++) {
            add(0, "laugh", 0.1);
        }
        add(0, "laugh", 0.70);
        add(0, "laugh", 0.80);
    }

    @Test
    void the_overall_limit_alone_lets_one_kind_of_sound_carry_the_false_alarms() {
        laughterThatLooksLikeScreams();

        // 2 false alarms in 120 non-screams (the laughs at 0.70 and 0.80) is 1.7 %: within 2 % overall, so
        // full recall wins, in the middle of its run 0.50..0.60
        double overall = ThresholdRule.overallOnly(0.02).choose(clips, scores());

        assertEquals(0.55, overall, 1e-9);
    }

    @Test
    void the_subtype_limit_raises_the_threshold_until_no_kind_of_sound_passes_it() {
        laughterThatLooksLikeScreams();

        // laughs: 2 of 20 (10 %) up to 0.70, 1 of 20 (5 %) up to 0.80: a 3 % subtype limit needs > 0.80,
        // where 4 screams (0.815 .. 0.92) remain, at 0.81 only
        double strict = new ThresholdRule(0.02, 0.03, 20, List.of()).choose(clips, scores());

        assertEquals(0.81, strict, 1e-9);
    }

    @Test
    void small_subtypes_are_not_held_to_the_subtype_limit() {
        laughterThatLooksLikeScreams();

        double lenient = new ThresholdRule(0.02, 0.03, 21, List.of()).choose(clips, scores());

        assertEquals(0.55, lenient, 1e-9);
    }

    @Test
    void an_exempt_subtype_counts_only_towards_the_overall_limit() {
        laughterThatLooksLikeScreams();

        double exempt = new ThresholdRule(0.02, 0.03, 20, List.of("lau")).choose(clips, scores());

        assertEquals(0.55, exempt, 1e-9);
    }

    @Test
    void out_of_range_limits_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new ThresholdRule(1.5, 0.03, 20, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ThresholdRule(0.01, -0.1, 20, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ThresholdRule(0.01, 0.03, 0, List.of()));
    }
}
