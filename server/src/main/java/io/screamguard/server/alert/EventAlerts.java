package io.screamguard.server.alert;

import io.screamguard.server.store.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code alert} field of incident event documents in step with their alert: the
 * status and every recipient ({@code alert.recipients[]}). A live incident's event is written when
 * the incident ends, often after its countdown started, so an update that finds no document is
 * kept and tried again by {@link #retryPending()} (the dispatcher calls it every poll) for up to
 * {@link #GIVE_UP}. Thread-safe.
 */
final class EventAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(EventAlerts.class);
    static final Duration GIVE_UP = Duration.ofMinutes(30);

    private final AlertStore alerts;
    private final OutboxStore outbox;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Map<String, Object> field, String alertId, Instant since) {
    }

    EventAlerts(AlertStore alerts, OutboxStore outbox, Clock clock) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** An incident without an alert: countdown, cancelled, rate_limited, no_contacts. */
    void incident(String incidentId, String status, Map<String, Object> extra) {
        Map<String, Object> field = new LinkedHashMap<>(extra);
        field.put("status", status);
        field.put("updated_at", java.util.Date.from(clock.instant()));
        write(incidentId, new Pending(field, null, clock.instant()));
    }

    /** An alert changed (raised, joined, a recipient's status): rewrite every incident's field. */
    void alertChanged(String alertId) {
        List<String> incidents = alerts.incidentIds(alertId);
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("status", summary(alertId));
        field.put("updated_at", java.util.Date.from(clock.instant()));
        field.put("incident_ids", incidents);
        for (String incidentId : incidents) {
            write(incidentId, new Pending(field, alertId, clock.instant()));
        }
    }

    /**
     * The alert's status: {@code safe} when the person ended it; else from its messages:
     * {@code no_contacts}, {@code not_configured} (every channel skipped), {@code sending} (some
     * queued), {@code sent} (at least one accepted by its provider) or {@code failed}.
     */
    String summary(String alertId) {
        if (alerts.status(alertId).filter("safe"::equals).isPresent()) {
            return "safe";
        }
        List<OutboxJob> jobs = outbox.byAlert(alertId).stream().filter(j -> OutboxJob.ALERT.equals(j.kind())).toList();
        if (jobs.isEmpty()) {
            return "no_contacts";
        }
        if (jobs.stream().allMatch(j -> j.status() == DeliveryStatus.SKIPPED_NOT_CONFIGURED)) {
            return "not_configured";
        }
        if (jobs.stream().anyMatch(j -> j.status() == DeliveryStatus.QUEUED)) {
            return "sending";
        }
        boolean reached = jobs.stream().anyMatch(j -> j.status() == DeliveryStatus.SENT || j.status() == DeliveryStatus.DELIVERED
                || j.status() == DeliveryStatus.ACKNOWLEDGED);
        return reached ? "sent" : "failed";
    }

    private void write(String incidentId, Pending p) {
        pending.put(incidentId, p);
        tryWrite(incidentId, p);
    }

    private void tryWrite(String incidentId, Pending p) {
        try {
            if (alerts.setEventAlert(incidentId, p.field(), p.alertId(), outbox)) {
                pending.remove(incidentId, p);
            }
        } catch (StoreUnavailable e) {
            LOG.warn("alert status of event {} not saved yet: {}", incidentId, e.getMessage());
        }
    }

    /** Tries the updates whose event was not written yet; gives up after {@link #GIVE_UP}. */
    void retryPending() {
        Instant now = clock.instant();
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            if (Duration.between(e.getValue().since(), now).compareTo(GIVE_UP) > 0) {
                pending.remove(e.getKey(), e.getValue());
                LOG.warn("event {} never appeared; its alert status was not written to it", e.getKey());
            } else {
                tryWrite(e.getKey(), e.getValue());
            }
        }
    }

    /** Updates waiting for their event (tests). */
    int pendingCount() {
        return pending.size();
    }
}
