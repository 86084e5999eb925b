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
}
