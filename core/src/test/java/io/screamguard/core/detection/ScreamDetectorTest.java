package io.screamguard.core.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreamDetectorTest {

    // 1 s windows at 100 Hz "sample rate", hop 0.5 s = 50 samples: window i ends at 100 + 50 i
    private static final int RATE_HZ = 100;
    private static final int WINDOW_SAMPLES = 100;
    private static final int HOP_SAMPLES = 50;
    private static final double LOUD = 0.1;

    private static List<WindowState> feed(ScreamDetector detector, double... probabilities) {
        List<WindowState> states = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            states.add(detector.accept(WINDOW_SAMPLES + (long) HOP_SAMPLES * i, LOUD, probabilities[i]));
        }
        return states;
    }

    private static ScreamDetector detector(double threshold, int k, int n) {
        return new ScreamDetector(new DetectorConfig(threshold, k, n, 0.01), RATE_HZ, WINDOW_SAMPLES,
                IncidentListener.NONE);
    }

    @Test
    void a_single_hot_window_does_not_open_an_incident_when_two_of_three_are_needed() {
        var detector = detector(0.5, 2, 3);

        var states = feed(detector, 0.1, 0.9, 0.1, 0.1, 0.9, 0.1, 0.1);

        assertEquals(List.of(WindowState.BELOW_THRESHOLD, WindowState.ABOVE_THRESHOLD,
                WindowState.BELOW_THRESHOLD, WindowState.BELOW_THRESHOLD, WindowState.ABOVE_THRESHOLD,
                WindowState.BELOW_THRESHOLD, WindowState.BELOW_THRESHOLD), states);
        assertTrue(detector.finish().isEmpty());
        assertEquals(0.9, detector.peakProbability());
    }

    @Test
    void two_hot_windows_within_three_open_an_incident_from_the_first_hot_window_start() {
        var detector = detector(0.5, 2, 3);

        // hot windows 2 (0.5..1.5 s... ) and 4; window i spans [0.5 i, 0.5 i + 1.0] s
        var states = feed(detector, 0.1, 0.2, 0.7, 0.3, 0.95, 0.6, 0.1, 0.1, 0.1, 0.1);

        assertEquals(WindowState.ABOVE_THRESHOLD, states.get(2));
        assertEquals(WindowState.BELOW_THRESHOLD, states.get(3));
        assertEquals(WindowState.INCIDENT, states.get(4));
        assertEquals(WindowState.INCIDENT, states.get(5));
        assertEquals(WindowState.INCIDENT, states.get(6));
        assertEquals(WindowState.INCIDENT, states.get(7));
        // windows 6, 7, 8 are not hot: the incident closes on window 8
        assertEquals(WindowState.BELOW_THRESHOLD, states.get(8));
        var incidents = detector.finish();
        assertEquals(List.of(new Incident(1.0, 3.5, 0.95, 3)), incidents);
    }

    @Test
    void an_incident_still_open_at_the_end_is_closed_by_finish() {
        var detector = detector(0.5, 1, 2);

        feed(detector, 0.1, 0.1, 0.8, 0.9);

        assertTrue(detector.incidentOpen());
        assertEquals(0, detector.incidentCount());
        assertEquals(List.of(new Incident(1.0, 2.5, 0.9, 2)), detector.finish());
        assertEquals(List.of(new Incident(1.0, 2.5, 0.9, 2)), detector.finish(), "finish is idempotent");
    }

    @Test
    void separate_bursts_give_separate_incidents() {
        var detector = detector(0.5, 1, 2);

        feed(detector, 0.9, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1);

        var incidents = detector.finish();
        assertEquals(List.of(new Incident(0.0, 1.0, 0.9, 1), new Incident(2.0, 3.0, 0.8, 1)), incidents);
    }

    @Test
    void a_probability_equal_to_the_threshold_is_hot() {
        var detector = detector(0.5, 1, 1);

        var states = feed(detector, 0.5);

        assertEquals(List.of(WindowState.INCIDENT), states);
        assertEquals(1, detector.finish().size());
    }

    @Test
    void quiet_windows_are_not_scored_count_as_quiet_and_are_never_hot() {
        var detector = new ScreamDetector(new DetectorConfig(0.5, 1, 1, 0.01), RATE_HZ, WINDOW_SAMPLES,
                IncidentListener.NONE);

        assertTrue(detector.isQuiet(0.005));
        var first = detector.accept(100, 0.005, Double.NaN);
        var second = detector.accept(150, 0.02, 0.3);
        var third = detector.accept(200, 0.0, 0.99);

        assertEquals(WindowState.QUIET, first);
        assertEquals(WindowState.BELOW_THRESHOLD, second);
        assertEquals(WindowState.QUIET, third, "a quiet window is not hot even with a high probability");
        assertEquals(2, detector.windowsQuiet());
        assertEquals(1, detector.windowsScored());
        assertEquals(0.3, detector.peakProbability());
        assertEquals(150, detector.peakEndSample());
        assertTrue(detector.finish().isEmpty());
    }

    @Test
    void quiet_windows_count_towards_n_and_close_an_incident() {
        var detector = detector(0.5, 1, 2);

        detector.accept(100, LOUD, 0.9);
        var during = detector.accept(150, 0.0, Double.NaN);
        var after = detector.accept(200, 0.0, Double.NaN);

        assertEquals(WindowState.INCIDENT, during);
        assertEquals(WindowState.QUIET, after);
        assertEquals(List.of(new Incident(0.0, 1.0, 0.9, 1)), detector.finish());
    }

    @Test
    void the_clip_score_is_zero_when_every_window_is_quiet() {
        var detector = detector(0.5, 1, 1);

        detector.accept(100, 0.0, Double.NaN);

        assertEquals(0.0, detector.peakProbability());
        assertEquals(-1, detector.peakEndSample());
    }

    @Test
    void the_listener_hears_start_and_end_at_their_audio_times() {
        List<String> events = new ArrayList<>();
        var detector = new ScreamDetector(new DetectorConfig(0.5, 2, 3, 0.0), RATE_HZ, WINDOW_SAMPLES,
                new IncidentListener() {
                    @Override
                    public void incidentStarted(double startSeconds, double detectedAtSeconds, double peak) {
                        events.add("start " + startSeconds + " " + detectedAtSeconds + " " + peak);
                    }

                    @Override
                    public void incidentEnded(Incident incident) {
                        events.add("end " + incident);
                    }
                });

        feed(detector, 0.6, 0.7, 0.1, 0.1);
        assertEquals(List.of("start 0.0 1.5 0.7"), events);
        feed2(detector, 0.1);

        assertEquals(List.of("start 0.0 1.5 0.7", "end " + new Incident(0.0, 1.5, 0.7, 2)), events);
    }

    private static void feed2(ScreamDetector detector, double probability) {
        detector.accept(300, LOUD, probability);
    }

    /**
     * The rules written out the slow way: for every window, count the hot windows among the last n;
     * open at k, close after n windows without a hot one.
     */
    private static List<Incident> referenceIncidents(boolean[] hot, double[] probability, int k, int n) {
        List<Incident> incidents = new ArrayList<>();
        int openedAt = -1;
        int lastHot = -1;
        for (int i = 0; i < hot.length; i++) {
            int hotInLastN = 0;
            int firstHotInLastN = -1;
            for (int j = Math.max(0, i - n + 1); j <= i; j++) {
                if (hot[j]) {
                    hotInLastN++;
                    if (firstHotInLastN < 0) {
                        firstHotInLastN = j;
                    }
                }
            }
            if (openedAt < 0 && hotInLastN >= k) {
                openedAt = firstHotInLastN;
            }
            if (hot[i]) {
                lastHot = i;
            }
            if (openedAt >= 0 && hotInLastN == 0) {
                incidents.add(reference(openedAt, lastHot, hot, probability));
                openedAt = -1;
            }
        }
        if (openedAt >= 0) {
            incidents.add(reference(openedAt, lastHot, hot, probability));
        }
        return incidents;
    }

    private static Incident reference(int first, int last, boolean[] hot, double[] probability) {
        double peak = 0;
        int windows = 0;
        for (int j = first; j <= last; j++) {
            if (hot[j]) {
                peak = Math.max(peak, probability[j]);
                windows++;
            }
        }
        // window i spans [HOP * i, HOP * i + WINDOW] samples
        return new Incident(HOP_SAMPLES * first / (double) RATE_HZ,
                (WINDOW_SAMPLES + HOP_SAMPLES * (long) last) / (double) RATE_HZ, peak, windows);
    }

    @Test
    void agrees_with_the_rules_written_out_the_slow_way_on_random_sequences() {
        var random = new java.util.SplittableRandom(2024);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(6);
            int k = 1 + random.nextInt(n);
            double threshold = random.nextDouble();
            double quietRms = 0.01;
            var detector = new ScreamDetector(new DetectorConfig(threshold, k, n, quietRms), RATE_HZ, WINDOW_SAMPLES,
                    IncidentListener.NONE);
            int length = random.nextInt(60);
            boolean[] hot = new boolean[length];
            double[] probability = new double[length];
            for (int i = 0; i < length; i++) {
                boolean quiet = random.nextInt(5) == 0;
                // bursts: the probability drifts so that hot windows cluster
                probability[i] = Math.min(1.0, Math.max(0.0, (i > 0 ? probability[i - 1] : 0.5)
                        + (random.nextDouble() - 0.5) * 0.6));
                double rms = quiet ? 0.001 : LOUD;
                detector.accept(WINDOW_SAMPLES + (long) HOP_SAMPLES * i, rms, quiet ? Double.NaN : probability[i]);
                hot[i] = !quiet && probability[i] >= threshold;
            }

            var incidents = detector.finish();

            assertEquals(referenceIncidents(hot, probability, k, n), incidents,
                    "trial " + trial + ": k=" + k + " n=" + n + " threshold=" + threshold);
            for (Incident incident : incidents) {
                assertTrue(incident.windows() >= k && incident.peakProbability() >= threshold, incident.toString());
            }
        }
    }

    @Test
    void rejects_an_end_sample_that_does_not_increase() {
        var detector = detector(0.5, 1, 1);
        detector.accept(100, LOUD, 0.1);

        var error = assertThrows(IllegalArgumentException.class, () -> detector.accept(100, LOUD, 0.1));
        assertTrue(error.getMessage().contains("100"), error.getMessage());
    }

    @Test
    void rejects_a_missing_probability_for_a_loud_window() {
        var detector = detector(0.5, 1, 1);

        var error = assertThrows(IllegalArgumentException.class, () -> detector.accept(100, LOUD, Double.NaN));
        assertTrue(error.getMessage().contains("NaN"), error.getMessage());
        assertFalse(detector.incidentOpen());
    }

    @Test
    void refuses_windows_after_finish() {
        var detector = detector(0.5, 1, 1);
        detector.finish();

        assertThrows(IllegalStateException.class, () -> detector.accept(100, LOUD, 0.1));
    }

    @Test
    void a_threshold_swapped_in_the_source_applies_from_the_next_window() {
        var current = new java.util.concurrent.atomic.AtomicReference<>(new DetectorConfig(0.9, 1, 1, 0.01));
        var detector = new ScreamDetector(current::get, RATE_HZ, WINDOW_SAMPLES, IncidentListener.NONE);

        var before = detector.accept(WINDOW_SAMPLES, LOUD, 0.6);
        current.set(current.get().withThreshold(0.5));
        var after = detector.accept(WINDOW_SAMPLES + HOP_SAMPLES, LOUD, 0.6);

        assertEquals(WindowState.BELOW_THRESHOLD, before);
        assertEquals(WindowState.INCIDENT, after);
        assertEquals(0.5, detector.config().thresholdProbability());
    }

    @Test
    void a_longer_debounce_keeps_the_newest_windows_and_counts_them_towards_k() {
        var current = new java.util.concurrent.atomic.AtomicReference<>(new DetectorConfig(0.5, 3, 3, 0.01));
        var detector = new ScreamDetector(current::get, RATE_HZ, WINDOW_SAMPLES, IncidentListener.NONE);
        feed(detector, 0.1, 0.9, 0.9); // two hot windows of three: no incident yet

        current.set(current.get().withDebounce(3, 5));
        var third = detector.accept(WINDOW_SAMPLES + HOP_SAMPLES * 3L, LOUD, 0.9);

        assertEquals(WindowState.INCIDENT, third); // the two hot windows kept across the resize + this one
        assertEquals(5, detector.config().debounceN());
    }
}
