package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static LoadReport report(double serverCpu, long rss) {
        var latency = LatencyStats.ofMicros(new long[] {1000, 2000, 300_000}, 3);
        return new LoadReport(10, 10, 0, 0, "", 95.04, 180, 190, 1.0, 0.5, 2, 3, Double.NaN, 0, latency, latency,
                serverCpu, serverCpu, rss, 12.345, 12.0);
    }

    @Test
    void the_json_map_names_every_figure_and_leaves_unmeasured_ones_null() {
        Map<String, Object> map = report(Double.NaN, -1).toMap();

        assertEquals(180L, map.get("hops_received"));
        assertEquals(190L, map.get("hops_expected"));
        assertEquals(3L, map.get("dropped_windows_in_messages"));
        assertNull(map.get("dropped_windows_in_metrics"));
        assertNull(map.get("server_cpu_percent"));
        assertNull(map.get("server_rss_max_mib"));
        assertEquals(12.3, map.get("loadgen_cpu_percent"));
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) map.get("latency_ms");
        assertEquals(List.of("count", "mean", "p50", "p90", "p99", "max"), List.copyOf(latency.keySet()));
        assertEquals(300.0, latency.get("p99"));
    }

    @Test
    void the_text_gives_server_figures_only_when_measured() {
        assertTrue(report(150.0, 512L << 20).toText().contains("RSS max 512.0 MiB"));
        assertTrue(!report(Double.NaN, -1).toText().contains("server:"));
    }

    @Test
    void equal_failures_of_different_streams_count_together() {
        assertEquals("connect: HttpTimeoutException: request timed out",
                LoadRunner.withoutStreamNumber("stream 417 connect: HttpTimeoutException: request timed out"));
    }
}
