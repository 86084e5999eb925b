package io.screamguard.server.scoring;

/**
 * A detected scream incident (after threshold and debounce).
 *
 * @param startSeconds    start in audio time
 * @param endSeconds      end in audio time
 * @param peakProbability highest window probability inside
 * @param windows         windows inside the incident
 */
public record IncidentSummary(double startSeconds, double endSeconds, double peakProbability, int windows) {
    public IncidentSummary {
        if (!(endSeconds >= startSeconds)) {
            throw new IllegalArgumentException("endSeconds must be >= startSeconds, got " + startSeconds + ".." + endSeconds);
        }
        if (windows < 0) {
            throw new IllegalArgumentException("windows must be >= 0, got " + windows);
        }
    }
}
