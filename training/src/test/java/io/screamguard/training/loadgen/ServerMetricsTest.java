package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {

    @Test
    void sums_every_sample_named_dropped_and_skips_comments_and_created_timestamps() {
        String text = """
                # HELP screamguard_stream_windows_dropped_total Windows dropped
                # TYPE screamguard_stream_windows_dropped_total counter
                screamguard_stream_windows_dropped_total{reason="queue_full"} 12.0
                screamguard_stream_windows_dropped_total{reason="slow"} 3
                screamguard_stream_windows_dropped_created 1.7E9
                screamguard_windows_scored_total 5000.0
                """;

        assertEquals(15.0, ServerMetrics.sumOfDropped(text));
    }

    @Test
    void no_dropped_metric_gives_not_a_number() {
        assertTrue(Double.isNaN(ServerMetrics.sumOfDropped("screamguard_windows_scored_total 1\n")));
    }

    @Test
    void gc_pauses_are_summed_over_their_label_sets_and_their_max_is_the_largest_of_them() {
        String text = String.join("\n",
                "# HELP jvm_gc_pause_seconds Time spent in GC pause",
                "jvm_gc_pause_seconds_count{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 12",
                "jvm_gc_pause_seconds_sum{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 0.084",
                "jvm_gc_pause_seconds_count{action=\"end of major GC\",cause=\"System.gc()\",gc=\"G1 Old Generation\"} 1",
                "jvm_gc_pause_seconds_sum{action=\"end of major GC\",cause=\"System.gc()\",gc=\"G1 Old Generation\"} 0.031",
                "jvm_gc_pause_seconds_max{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 0.009",
                "jvm_gc_pause_seconds_max{action=\"end of major GC\",cause=\"System.gc()\",gc=\"G1 Old Generation\"} 0.031",
                "screamguard_dropped_windows_total 7.0");

        assertEquals(13, ServerMetrics.value(text, "jvm_gc_pause_seconds_count", false), 1e-9);
        assertEquals(0.115, ServerMetrics.value(text, "jvm_gc_pause_seconds_sum", false), 1e-9);
        assertEquals(0.031, ServerMetrics.value(text, "jvm_gc_pause_seconds_max", true), 1e-9);
        assertEquals(7, ServerMetrics.value(text, "screamguard_dropped_windows_total", false), 1e-9);
        assertTrue(Double.isNaN(ServerMetrics.value(text, "jvm_gc_pause_seconds", false)), "a prefix is not a name");
        assertTrue(Double.isNaN(ServerMetrics.value(null, "jvm_gc_pause_seconds_count", false)), "no /metrics");
    }
}
