package io.screamguard.server.scoring;

import java.util.List;

/**
 * The analysis of one uploaded recording.
 *
 * @param format               detected format, e.g. "wav", "mp3", "ffmpeg:opus"
 * @param durationSeconds      length of the decoded audio
 * @param timeline             every window in time order
 * @param incidents            detected incidents in time order
 * @param peakProbability      highest window probability, 0 when nothing was scored
 * @param scream               the verdict: at least one incident
 * @param thresholdProbability threshold used
 * @param peakFeatures         summary vector of the peak window (empty when nothing was scored)
 */
public record ClipScore(String format, double durationSeconds, List<WindowScore> timeline,
                        List<IncidentSummary> incidents, double peakProbability, boolean scream,
                        double thresholdProbability, float[] peakFeatures) {
    public ClipScore {
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("format must be non-blank, got '" + format + "'");
        }
        timeline = List.copyOf(timeline);
        incidents = List.copyOf(incidents);
        peakFeatures = peakFeatures == null ? new float[0] : peakFeatures.clone();
    }

    /** Windows below the loudness gate. */
    public long quietWindows() {
        return timeline.stream().filter(WindowScore::quiet).count();
    }

    /** Windows at or above the threshold. */
    public long windowsAboveThreshold() {
        return timeline.stream().filter(w -> !w.quiet() && w.probability() >= thresholdProbability).count();
    }
}
