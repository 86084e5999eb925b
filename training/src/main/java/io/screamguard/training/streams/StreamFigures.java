package io.screamguard.training.streams;

import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.detection.Incident;
import io.screamguard.core.detection.IncidentListener;
import io.screamguard.core.detection.ScreamDetector;
import io.screamguard.core.detection.WindowState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a detector setting does on synthetic streams: false incidents per hour of non-scream audio
 * and the screams found within the plan's latency, with the latency of each.
 *
 * <p>An incident is false when it overlaps no scream clip (from its start to its end plus one
 * window). A scream is found when an incident overlapping it starts (its {@code start_s}, as
 * {@code detect} prints it: the start of its earliest hot window) at most {@code maxLatencySeconds}
 * after the scream's onset; that start minus the onset is its latency (negative when the window
 * that caught it began before the onset). The decision latency is when the incident opened (the
 * end of the window that opened it, when an alert could go out) minus the onset.
 *
 * @param config            the detector settings replayed
 * @param nonScreamHours    hours of non-scream audio
 * @param falseIncidents    incidents overlapping no scream
 * @param screams           screams in the streams
 * @param found             screams found within the latency limit
 * @param latencySeconds    latency of each found scream (incident start minus onset), sorted
 * @param decisionSeconds   decision latency of each found scream (incident opened minus onset), sorted
 * @param maxLatencySeconds the latency limit
 * @param bySource          per source of the screams, {found, screams}
 */
public record StreamFigures(DetectorConfig config, double nonScreamHours, int falseIncidents, int screams, int found,
                            double[] latencySeconds, double[] decisionSeconds, double maxLatencySeconds,
                            Map<String, int[]> bySource) {

    /** False incidents per hour of non-scream audio (NaN without any). */
    public double falsePerHour() {
        return nonScreamHours > 0 ? falseIncidents / nonScreamHours : Double.NaN;
    }

    /** Share of the screams found (NaN without screams). */
    public double foundRate() {
        return screams > 0 ? found / (double) screams : Double.NaN;
    }

    /** Median latency (incident start minus onset) of the found screams in seconds (NaN when none was found). */
    public double medianLatencySeconds() {
        return median(latencySeconds);
    }

    /** Median decision latency (incident opened minus onset) of the found screams (NaN when none was found). */
    public double medianDecisionSeconds() {
        return median(decisionSeconds);
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[(sorted.length - 1) / 2];
    }

    /**
     * Replays the timelines through a fresh {@link ScreamDetector} each.
     *
     * @param timelines         the analysed streams
     * @param config            detector settings to replay (the gate should be the one they were analysed with)
     * @param sampleRateHz      the analysis rate
     * @param windowSamples     the window length in samples
     * @param maxLatencySeconds the latency limit of a found scream
     * @return the figures
     */
    public static StreamFigures replay(List<StreamTimeline> timelines, DetectorConfig config, int sampleRateHz,
                                       int windowSamples, double maxLatencySeconds) {
        double windowSeconds = windowSamples / (double) sampleRateHz;
        double nonScream = 0;
        int falseIncidents = 0;
        int screams = 0;
        List<Double> latencies = new ArrayList<>();
        List<Double> decisions = new ArrayList<>();
        Map<String, int[]> bySource = new TreeMap<>();
        for (StreamTimeline timeline : timelines) {
            nonScream += timeline.nonScreamSeconds();
            ScreamDetector detector = new ScreamDetector(config, sampleRateHz, windowSamples, IncidentListener.NONE);
            WindowState[] states = new WindowState[timeline.hopSeconds().length];
            for (int i = 0; i < states.length; i++) {
                long end = Math.round(timeline.hopSeconds()[i] * sampleRateHz);
                states[i] = detector.accept(end, timeline.rms()[i], timeline.probability()[i]);
            }
            List<Incident> incidents = detector.finish();
            for (Incident incident : incidents) {
                if (timeline.screams().stream().noneMatch(s -> overlaps(incident, s, windowSeconds))) {
                    falseIncidents++;
                }
            }
            for (ScreamMark scream : timeline.screams()) {
                screams++;
                int[] counts = bySource.computeIfAbsent(scream.source(), k -> new int[2]);
                counts[1]++;
                for (Incident incident : incidents) {
                    if (overlaps(incident, scream, windowSeconds)
                            && incident.startSeconds() <= scream.onsetSeconds() + maxLatencySeconds) {
                        counts[0]++;
                        latencies.add(incident.startSeconds() - scream.onsetSeconds());
                        decisions.add(openedAt(timeline.hopSeconds(), states, incident, windowSeconds)
                                - scream.onsetSeconds());
                        break;
                    }
                }
            }
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sortedDecisions = decisions.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new StreamFigures(config, nonScream / 3600.0, falseIncidents, screams, sorted.length, sorted,
                sortedDecisions, maxLatencySeconds, bySource);
    }

    private static boolean overlaps(Incident incident, ScreamMark scream, double windowSeconds) {
        return incident.startSeconds() < scream.endSeconds() + windowSeconds
                && incident.endSeconds() > scream.startSeconds();
    }

    /** The time of the first hop of the incident that is in state incident: when it opened. */
    private static double openedAt(double[] t, WindowState[] states, Incident incident, double windowSeconds) {
        int i = Arrays.binarySearch(t, incident.startSeconds() + windowSeconds - 1e-9);
        for (int j = i >= 0 ? i : -i - 1; j < t.length; j++) {
            if (states[j] == WindowState.INCIDENT) {
                return t[j];
            }
        }
        return Double.NaN;
    }

    /** As JSON: the settings, hours, false incidents (and per hour), screams found and latency. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("threshold", config.thresholdProbability());
        json.put("debounce_k", config.debounceK());
        json.put("debounce_n", config.debounceN());
        json.put("non_scream_hours", nonScreamHours);
        json.put("false_incidents", falseIncidents);
        json.put("false_incidents_per_hour", finite(falsePerHour()));
        json.put("screams", screams);
        json.put("screams_found", found);
        json.put("found_rate", finite(foundRate()));
        json.put("max_latency_s", maxLatencySeconds);
        json.put("median_latency_s", finite(medianLatencySeconds()));
        json.put("median_decision_latency_s", finite(medianDecisionSeconds()));
        Map<String, Object> sources = new LinkedHashMap<>();
        bySource.forEach((source, c) -> sources.put(source, Map.of("screams", c[1], "found", c[0])));
        json.put("found_by_source", sources);
        return json;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
