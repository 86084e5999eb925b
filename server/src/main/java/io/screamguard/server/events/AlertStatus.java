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

    public AlertStatus {
        channels = List.copyOf(channels);
    }
}
