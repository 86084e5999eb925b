package io.screamguard.training.loadgen;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one load run.
 *
 * @param streamsRequested   streams asked for
 * @param streamsOpened      streams whose WebSocket opened
 * @param streamsFailed      streams that failed to connect or failed while running
 * @param streamsClosedEarly streams the server closed before the end of the run
 * @param firstProblem       the most frequent failures and early close reasons with their counts, "" when none
 * @param audioSecondsSent   audio seconds sent over all streams
 * @param hopsReceived       hop messages received
 * @param hopsExpected       hop messages expected for the audio sent, -1 when unknown (no hop seen)
 * @param windowSeconds      window length used for the expectation (observed or given)
 * @param hopSeconds         hop used for the expectation (observed or given)
 * @param incidentMessages   incident messages received
 * @param droppedInMessages  windows the server said it dropped (sum over streams of the largest count seen)
 * @param droppedInMetrics   growth of /metrics samples named *dropped* during the run, NaN when unavailable
 * @param hopsForUnsentAudio hop messages whose t lies beyond the audio sent (a server clock bug), should be 0
 * @param latency            decision latency of every hop message
 * @param steadyLatency      decision latency of hop messages received after the ramp
 * @param serverCpuPercent   mean server CPU after the ramp, 100 = one core, NaN without --server-pid
 * @param serverCpuMaxPercent highest one-second server CPU, NaN without --server-pid
 * @param serverRssMaxBytes  largest server resident memory seen, -1 without --server-pid
 * @param loadgenCpuPercent  mean CPU of this load generator over the run, 100 = one core
 * @param wallSeconds        length of the run
 */
record LoadReport(int streamsRequested, int streamsOpened, int streamsFailed, int streamsClosedEarly,
                  String firstProblem, double audioSecondsSent, long hopsReceived, long hopsExpected,
                  double windowSeconds, double hopSeconds, long incidentMessages, long droppedInMessages,
                  double droppedInMetrics, long hopsForUnsentAudio, LatencyStats latency, LatencyStats steadyLatency,
                  double serverCpuPercent, double serverCpuMaxPercent, long serverRssMaxBytes,
                  double loadgenCpuPercent, double wallSeconds) {

    /** @return the report as ordered key/value pairs for JSON */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("streams_requested", streamsRequested);
        map.put("streams_opened", streamsOpened);
        map.put("streams_failed", streamsFailed);
        map.put("streams_closed_early", streamsClosedEarly);
        map.put("problems", firstProblem);
        map.put("audio_seconds_sent", round(audioSecondsSent));
        map.put("hops_received", hopsReceived);
        map.put("hops_expected", hopsExpected);
        map.put("window_seconds", windowSeconds);
        map.put("hop_seconds", hopSeconds);
        map.put("incident_messages", incidentMessages);
        map.put("dropped_windows_in_messages", droppedInMessages);
        map.put("dropped_windows_in_metrics", Double.isNaN(droppedInMetrics) ? null : droppedInMetrics);
        map.put("hops_for_unsent_audio", hopsForUnsentAudio);
        map.put("latency_ms", latencyMap(latency));
        map.put("steady_latency_ms", latencyMap(steadyLatency));
        map.put("server_cpu_percent", Double.isNaN(serverCpuPercent) ? null : round(serverCpuPercent));
        map.put("server_cpu_max_percent", Double.isNaN(serverCpuMaxPercent) ? null : round(serverCpuMaxPercent));
        map.put("server_rss_max_mib", serverRssMaxBytes < 0 ? null : round(serverRssMaxBytes / 1048576.0));
        map.put("loadgen_cpu_percent", round(loadgenCpuPercent));
        map.put("wall_seconds", round(wallSeconds));
        return map;
    }

    private static Map<String, Object> latencyMap(LatencyStats stats) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", stats.count());
        map.put("mean", round(stats.meanMs()));
        map.put("p50", round(stats.p50Ms()));
        map.put("p90", round(stats.p90Ms()));
        map.put("p99", round(stats.p99Ms()));
        map.put("max", round(stats.maxMs()));
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    /** @return a human-readable multi-line report */
    String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "streams: %d requested, %d opened, %d failed, %d closed early by the server%n",
                streamsRequested, streamsOpened, streamsFailed, streamsClosedEarly));
        if (!firstProblem.isEmpty()) {
            out.append("problems: ").append(firstProblem).append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "audio sent: %.1f s over %.1f s wall%n", audioSecondsSent, wallSeconds));
        out.append(String.format(Locale.ROOT, "hop messages: %d received, %s expected (window %.3f s, hop %.3f s); "
                        + "%d incident messages%n", hopsReceived, hopsExpected < 0 ? "?" : Long.toString(hopsExpected),
                windowSeconds, hopSeconds, incidentMessages));
        out.append(String.format(Locale.ROOT, "dropped windows: %d in messages, %s in /metrics%n", droppedInMessages,
                Double.isNaN(droppedInMetrics) ? "n/a" : String.format(Locale.ROOT, "%.0f", droppedInMetrics)));
        if (hopsForUnsentAudio > 0) {
            out.append("hop messages for audio not yet sent: ").append(hopsForUnsentAudio).append(System.lineSeparator());
        }
        out.append(latencyLine("decision latency (all)", latency));
        out.append(latencyLine("decision latency (after ramp)", steadyLatency));
        if (!Double.isNaN(serverCpuPercent)) {
            out.append(String.format(Locale.ROOT, "server: CPU %.1f %% mean after ramp (max %.1f %% in 1 s; 100 %% = one core), "
                    + "RSS max %.1f MiB%n", serverCpuPercent, serverCpuMaxPercent, serverRssMaxBytes / 1048576.0));
        }
        out.append(String.format(Locale.ROOT, "load generator: CPU %.1f %% mean%n", loadgenCpuPercent));
        return out.toString();
    }

    private static String latencyLine(String label, LatencyStats stats) {
        return String.format(Locale.ROOT, "%s: n=%d p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, mean %.1f ms%n",
                label, stats.count(), stats.p50Ms(), stats.p90Ms(), stats.p99Ms(), stats.maxMs(), stats.meanMs());
    }
}
