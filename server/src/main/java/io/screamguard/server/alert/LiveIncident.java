package io.screamguard.server.alert;

import io.screamguard.server.location.Location;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A live incident just confirmed by the detector, as the alerting sees it.
 *
 * @param incidentId  the id its event document will have (24 hex digits)
 * @param ownerId     the person whose stream it is
 * @param who         how messages name the person
 * @param streamId    the live session, so {"type":"cancel"} on it stops its countdowns
 * @param probability peak scream probability so far, 0..1
 * @param detectedAt  when it was confirmed (server clock)
 * @param timeZone    the person's time zone
 * @param location    the latest position (read when the countdown expires, so a position sent
 *                    during the countdown is used); must be cheap and thread-safe
 * @param toStream    sends a JSON message to the stream while it is open (a no-op after it closed)
 */
public record LiveIncident(String incidentId, String ownerId, String who, String streamId, double probability,
                           Instant detectedAt, ZoneId timeZone, Supplier<Location> location,
                           Consumer<Map<String, Object>> toStream) {
    public LiveIncident {
        if (incidentId == null || ownerId == null || who == null || streamId == null || detectedAt == null
                || timeZone == null || location == null || toStream == null) {
            throw new IllegalArgumentException("every part of a live incident is required, got incident=" + incidentId
                    + " owner=" + ownerId + " stream=" + streamId);
        }
    }
}
