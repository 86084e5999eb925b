package io.screamguard.training.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.core.detection.DetectorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFiguresTest {

    private static final int RATE = 16000;
    private static final int WINDOW = 16000;

    /**
     * One hour of hops every 0.5 s (first ending at 1.0 s), all loud, probability 0.1, except
     * {@code hot} hop times set to 0.9.
     */
    private static StreamTimeline hour(List<ScreamMark> screams, double... hot) {
        int hops = 7199;
        double[] t = new double[hops];
        double[] p = new double[hops];
        double[] rms = new double[hops];
        for (int i = 0; i < hops; i++) {
            t[i] = 1.0 + 0.5 * i;
            p[i] = 0.1;
            rms[i] = 0.1;
            for (double h : hot) {
                if (Math.abs(t[i] - h) < 1e-9) {
                    p[i] = 0.9;
                }
            }
        }
        return new StreamTimeline(t, p, rms, screams, 3600, 3600);
    }

    @Test
    void a_hot_window_away_from_any_scream_is_a_false_incident_and_one_at_a_scream_finds_it() {
        ScreamMark scream = new ScreamMark(100.0, 100.2, 101.5, "s");
        StreamTimeline timeline = hour(List.of(scream), 100.5, 2000.0, 3000.0, 3000.5);

        StreamFigures f = StreamFigures.replay(List.of(timeline), new DetectorConfig(0.5, 1, 1, 0.003), RATE, WINDOW, 1.5);

        assertEquals(2, f.falseIncidents(), "2000.0 alone, and 3000.0 with 3000.5 as one incident");
        assertEquals(2.0, f.falsePerHour(), 1e-9);
        assertEquals(1, f.found());
        assertEquals(-0.7, f.medianLatencySeconds(), 1e-9, "the incident starts with its window, at 99.5 s");
        assertEquals(0.3, f.medianDecisionSeconds(), 1e-9, "it opened at the window's end, 100.5 s");
        assertEquals(List.of(1, 1), List.of(f.bySource().get("s")[0], f.bySource().get("s")[1]));
    }

    @Test
    void two_of_three_debounce_removes_lone_hot_windows_and_misses_a_one_window_scream() {
        ScreamMark scream = new ScreamMark(100.0, 100.2, 101.5, "s");
        StreamTimeline timeline = hour(List.of(scream), 100.5, 2000.0, 3000.0, 3000.5);

        StreamFigures f = StreamFigures.replay(List.of(timeline), new DetectorConfig(0.5, 2, 3, 0.003), RATE, WINDOW, 1.5);

        assertEquals(1, f.falseIncidents(), "only the two hot windows in a row at 3000 s");
        assertEquals(0, f.found());
    }

    @Test
    void a_scream_detected_after_the_latency_limit_is_not_found() {
        ScreamMark scream = new ScreamMark(100.0, 100.0, 103.0, "s");
        StreamTimeline timeline = hour(List.of(scream), 103.0);   // the incident starts at 102.0 s

        StreamFigures f = StreamFigures.replay(List.of(timeline), new DetectorConfig(0.5, 1, 1, 0.003), RATE, WINDOW, 1.5);

        assertEquals(0, f.found());
        assertEquals(0, f.falseIncidents(), "the late incident still overlaps the scream");
    }

    @Test
    void the_debounce_rule_prefers_the_most_screams_found_within_the_false_incident_target() {
        ScreamMark scream = new ScreamMark(100.0, 100.2, 101.5, "s");
        StreamTimeline timeline = hour(List.of(scream), 100.5, 101.0, 2000.0, 3000.0);
        List<StreamFigures> all = DebounceChoice.tryAll(List.of(timeline), new DetectorConfig(0.5, 1, 1, 0.003),
                RATE, WINDOW, 1.5);

        StreamFigures chosen = DebounceChoice.choose(all, 1.0);

        assertEquals(1, chosen.found());
        assertEquals(0, chosen.falseIncidents());
        assertEquals(2, chosen.config().debounceK());
        assertEquals(2, chosen.config().debounceN(), "2 of 2 finds it; 2 of 3 too, with a larger n");
    }
}
