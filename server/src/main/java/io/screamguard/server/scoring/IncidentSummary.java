package io.screamguard.server.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A detected scream incident (after threshold and debounce). JSON: {@code start_s, end_s, peak,
 * windows}, as in the stream messages and the stored events.
 *
 * @param startSeconds    start in audio time
 * @param endSeconds      end in audio time
 * @param peakProbability highest window probability inside
 * @param windows         windows inside the incident
 */
public record IncidentSummary(@JsonProperty("start_s") double startSeconds, @JsonProperty("end_s") double endSeconds,
                              @JsonProperty("peak") double peakProbability, int windows) {
    public IncidentSummary {
        if (!(endSeconds >= startSeconds)) {
            throw new IllegalArgumentException("endSeconds must be >= startSeconds, got " + startSeconds + ".." + endSeconds);
        }
        if (windows < 0) {
            throw new IllegalArgumentException("windows must be >= 0, got " + windows);
        }
    }
}
