package io.screamguard.server.events;

import io.screamguard.server.location.Location;
import java.time.Instant;

/**
 * One event to log.
 *
 * @param type                 upload, live incident or live session
 * @param timestamp            when it happened (server clock)
 * @param source               where the audio came from
 * @param screamProbability    peak window probability
 * @param scream               the verdict
 * @param thresholdProbability threshold applied
 * @param timeline             window counts and incidents
 * @param location             where (browser, IP or none)
 * @param device               the client
 * @param userId               optional user id (X-User-Id header or user_id form field), may be null
 * @param modelVersion         model used
 * @param features             the peak window's summary vector with names
 * @param alert                alerting result
 * @param error                an error message when the analysis failed, else null
 */
public record EventRecord(EventType type, Instant timestamp, EventSource source, double screamProbability,
                          boolean scream, double thresholdProbability, TimelineSummary timeline, Location location,
                          DeviceInfo device, String userId, String modelVersion, FeatureVector features,
                          AlertStatus alert, String error) {
    public EventRecord {
        if (type == null || timestamp == null || source == null || timeline == null || location == null
                || device == null || features == null || alert == null) {
            throw new IllegalArgumentException("event type, timestamp, source, timeline, location, device, features and alert"
                    + " must be set, got type=" + type + " timestamp=" + timestamp + " source=" + source);
        }
        if (!(screamProbability >= 0 && screamProbability <= 1)) {
            throw new IllegalArgumentException("screamProbability must be in [0, 1], got " + screamProbability);
        }
    }
}
