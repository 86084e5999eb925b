package io.screamguard.server.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.screamguard.server.alert.TracePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbabilityTraceTest {
    @Test
    void the_trace_around_a_moment_holds_the_hops_in_the_window_relative_to_it() {
        ProbabilityTrace trace = new ProbabilityTrace(41);
        for (int i = 1; i <= 100; i++) {
            trace.add(i * 0.5, i / 100.0); // hops every 0.5 s, probability rising
        }

        List<TracePoint> around = trace.around(40, 30, 10); // 10 s .. 50 s of stream time

        assertEquals(81, around.size());
        assertEquals(new TracePoint(-30, 0.20), around.get(0));
        assertEquals(new TracePoint(0, 0.80), around.get(60));
        assertEquals(new TracePoint(10, 1.0), around.get(80));
    }

    @Test
    void hops_older_than_the_kept_seconds_are_forgotten_and_probabilities_are_clamped() {
        ProbabilityTrace trace = new ProbabilityTrace(5);
        trace.add(1, 0.5);
        trace.add(10, 1.2);

        List<TracePoint> all = trace.around(10, 100, 100);

        assertEquals(List.of(new TracePoint(0, 1.0)), all);
        assertThrows(IllegalArgumentException.class, () -> new ProbabilityTrace(0));
    }
}
