package io.screamguard.server.events;

import java.util.List;

/**
 * What the alerting did for an event; filled in by the alerting feature.
 *
 * @param status   e.g. "not_configured", "sent", "failed"
 * @param channels per-channel results (empty until alerting exists)
 */
public record AlertStatus(String status, List<String> channels) {
    /** Alerting is not set up. */
    public static final AlertStatus NOT_CONFIGURED = new AlertStatus("not_configured", List.of());
    /**
     * A live incident whose alert countdown is running when the event is written; the alerting
     * feature replaces the whole {@code alert} field as the alert moves on.
     */
    public static final AlertStatus COUNTDOWN = new AlertStatus("countdown", List.of());
    /** An event that raises no alert (no scream, or an upload that did not ask for one). */
    public static final AlertStatus NONE = new AlertStatus("none", List.of());

    public AlertStatus {
        channels = List.copyOf(channels);
    }
}
