package io.screamguard.training.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a run over time, one {@link Point} every sampling interval (10 s by default): the
 * server's CPU and resident memory, the load generator's own CPU, the decision latency of the hops received in the interval,
 * dropped windows and GC pauses so far. Thread-confined to the sampling thread until the report.
 */
final class Timeline {
    private final List<Point> points = new ArrayList<>();

    /**
     * One sample.
     *
     * @param atSeconds          seconds since the run started
     * @param streamsOpen        streams open
     * @param serverCpuPercent   server CPU over the interval, 100 = one core; NaN without --server-pid
     * @param serverRssMiB       server resident memory now; NaN without --server-pid
     * @param hops               hop messages received in the interval
     * @param p50Ms              median decision latency of those hops, NaN when none
     * @param p99Ms              99th percentile, NaN when none
     * @param droppedInMessages  dropped windows the streams were told of so far
     * @param droppedInMetrics   growth of screamguard_dropped_windows_total since the start, NaN without /metrics
     * @param gcPauses           GC pauses since the start (jvm_gc_pause_seconds_count), NaN without /metrics
     * @param gcPauseSeconds     their total length (jvm_gc_pause_seconds_sum), NaN without /metrics
     * @param gcPauseMaxMs       the longest recent pause (jvm_gc_pause_seconds_max), NaN without /metrics
     * @param loadgenCpuPercent  the load generator's own process CPU over the interval, 100 = one core (so a run
     *                           shows what it takes from a server on the same cores); NaN when the JVM does not report it
     */
    record Point(double atSeconds, int streamsOpen, double serverCpuPercent, double serverRssMiB, long hops, double p50Ms,
                 double p99Ms, long droppedInMessages, double droppedInMetrics, double gcPauses, double gcPauseSeconds,
                 double gcPauseMaxMs, double loadgenCpuPercent) {

        /** One line for the progress output and the text report. */
        String toText() {
            return String.format(Locale.ROOT, "[%6.1f s] %d open | server CPU %s, RSS %s | %d hops, latency p50 %s p99 %s"
                            + " | dropped %d (metrics %s) | GC %s pauses, %s s total, max %s | loadgen CPU %s",
                    atSeconds, streamsOpen, fmt(serverCpuPercent, "%.0f %%"), fmt(serverRssMiB, "%.0f MiB"), hops,
                    fmt(p50Ms, "%.1f ms"), fmt(p99Ms, "%.1f ms"), droppedInMessages, fmt(droppedInMetrics, "%.0f"),
                    fmt(gcPauses, "%.0f"), fmt(gcPauseSeconds, "%.3f"), fmt(gcPauseMaxMs, "%.1f ms"),
                    fmt(loadgenCpuPercent, "%.0f %%"));
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("at_seconds", round(atSeconds));
            map.put("streams_open", streamsOpen);
            map.put("server_cpu_percent", orNull(serverCpuPercent));
            map.put("server_rss_mib", orNull(serverRssMiB));
            map.put("hops", hops);
            map.put("latency_p50_ms", orNull(p50Ms));
            map.put("latency_p99_ms", orNull(p99Ms));
            map.put("dropped_windows_in_messages", droppedInMessages);
            map.put("dropped_windows_in_metrics", orNull(droppedInMetrics));
            map.put("gc_pauses", orNull(gcPauses));
            map.put("gc_pause_seconds", orNull(gcPauseSeconds));
            map.put("gc_pause_max_ms", orNull(gcPauseMaxMs));
            map.put("loadgen_cpu_percent", orNull(loadgenCpuPercent));
            return map;
        }

        private static String fmt(double value, String format) {
            return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
        }

        private static Object orNull(double value) {
            return Double.isNaN(value) ? null : round(value);
        }

        private static double round(double value) {
            return Math.round(value * 10.0) / 10.0;
        }
    }

    void add(Point point) {
        points.add(point);
    }

    List<Point> points() {
        return List.copyOf(points);
    }
}
