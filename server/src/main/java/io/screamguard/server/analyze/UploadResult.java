package io.screamguard.server.analyze;

import io.screamguard.server.location.Location;
import io.screamguard.server.scoring.IncidentSummary;
import io.screamguard.server.scoring.WindowScore;
import java.util.List;

/**
 * The JSON answer of {@code POST /api/analyze} (snake_case on the wire).
 *
 * @param eventId         id of the logged event ({@code GET /api/events/{id}})
 * @param verdict         "scream" or "no_scream"
 * @param isScream        the verdict as a boolean
 * @param peakProbability highest window probability
 * @param threshold       threshold applied
 * @param modelVersion    model used
 * @param format          detected audio format
 * @param durationS       seconds of audio
 * @param timeline        every window
 * @param incidents       detected incidents
 * @param location        the event's location
 * @param alert           "none" (not asked for), "no_scream" (asked, but no scream) or "raising" (sent at once)
 */
public record UploadResult(String eventId, String verdict, boolean isScream, double peakProbability,
                           double threshold, String modelVersion, String format, double durationS,
                           List<WindowScore> timeline, List<IncidentSummary> incidents, Location location,
                           String alert) {
}
