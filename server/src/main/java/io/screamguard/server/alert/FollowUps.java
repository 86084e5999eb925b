package io.screamguard.server.alert;

import io.screamguard.server.contacts.Contact;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows an alert: "I'm safe" (a short message to every recipient it reached), updates when
 * incidents join it (at most one per interval, with the newest position) and the one escalation
 * when nobody acknowledged it. Each queues outbox jobs keyed on the alert job they follow.
 * {@link #escalateDue()} and {@link #updatesDue()} run on the dispatcher thread. Thread-safe.
 */
final class FollowUps {
    private static final Logger LOG = LoggerFactory.getLogger(FollowUps.class);

    private final AlertStore alerts;
    private final OutboxStore outbox;
    private final EventAlerts events;
    private final Function<String, List<Contact>> contacts;
    private final Map<String, Consumer<Map<String, Object>>> streams;
    private final Runnable wakeDispatcher;
    private final Duration escalateAfter;
    private final Duration updateInterval;
    private final Clock clock;

    /**
     * @param streams        the open stream of each alert's person (for "escalated")
     * @param wakeDispatcher makes the dispatcher look at the outbox now
     * @param escalateAfter  {@link Duration#ZERO} = never
     * @param updateInterval at most one update per alert per this
     */
    FollowUps(AlertStore alerts, OutboxStore outbox, EventAlerts events, Function<String, List<Contact>> contacts,
              Map<String, Consumer<Map<String, Object>>> streams, Runnable wakeDispatcher, Duration escalateAfter,
              Duration updateInterval, Clock clock) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.events = events;
        this.contacts = contacts;
        this.streams = streams;
        this.wakeDispatcher = wakeDispatcher;
        this.escalateAfter = escalateAfter;
        this.updateInterval = updateInterval;
        this.clock = clock;
    }

    /**
     * "I'm safe": ends one of the person's open alerts and queues a short follow-up to every
     * recipient the alert reached (sent, delivered or acknowledged), on the same channel.
     *
     * @return the number of follow-ups queued, or -1 when the person has no open alert with that id
     */
    synchronized int safe(String ownerId, String alertId) {
        Instant now = clock.instant();
        var who = alerts.markSafe(alertId, ownerId, now);
        if (who.isEmpty()) {
            return -1;
        }
        int queued = 0;
        Map<String, String> languages = languages(ownerId);
        for (OutboxJob job : outbox.byAlert(alertId)) {
            boolean reached = job.status() == DeliveryStatus.SENT || job.status() == DeliveryStatus.DELIVERED
                    || job.status() == DeliveryStatus.ACKNOWLEDGED;
            if (!OutboxJob.ALERT.equals(job.kind()) || !reached || job.channel() == Channel.VOICE) {
                continue; // a follow-up is written: no call
            }
            String language = languages.getOrDefault(job.contactId(), "en");
            String sms = MessageText.safeSms(language, who.get());
            Outgoing out = job.channel() == Channel.SMS
                    ? new Outgoing(OutboxJob.key(job.key(), OutboxJob.SAFE), job.message().to(), null, sms, null)
                    : new Outgoing(OutboxJob.key(job.key(), OutboxJob.SAFE), job.message().to(),
                    MessageText.safeSubject(language, who.get()), MessageText.safeText(language, who.get(), job.contactName()),
                    null);
            outbox.insert(job.followUp(OutboxJob.SAFE, out, DeliveryStatus.QUEUED, null, now));
            queued++;
        }
        wakeDispatcher.run();
        events.alertChanged(alertId);
        LOG.info("alert {} of {} ended (I'm safe); {} follow-up(s) queued", alertId, ownerId, queued);
        return queued;
    }

    /** Escalates every alert that is due (the dispatcher calls it when idle). */
    void escalateDue() {
        if (escalateAfter.isZero()) {
            return;
        }
        for (var due = alerts.claimEscalation(clock.instant().minus(escalateAfter)); due.isPresent();
             due = alerts.claimEscalation(clock.instant().minus(escalateAfter))) {
            escalate(due.get());
        }
    }

    /**
     * Sends the contacts an update of every alert that incidents joined since its last update, at
     * most one per interval (the dispatcher calls it when idle): the newest position and time.
     */
    void updatesDue() {
        for (var due = alerts.claimUpdate(clock.instant(), updateInterval); due.isPresent();
             due = alerts.claimUpdate(clock.instant(), updateInterval)) {
            sendUpdate(due.get()[0], java.time.ZoneId.of(due.get()[1] == null ? "UTC" : due.get()[1]));
        }
    }

    private void sendUpdate(String alertId, java.time.ZoneId zone) {
        Instant now = clock.instant();
        var view = alerts.view(alertId);
        if (view.isEmpty()) {
            return;
        }
        Instant latest = alerts.lastIncidentAt(alertId).orElse(now);
        int queued = 0;
        Map<String, String> languages = languages(view.get().ownerId());
        for (OutboxJob job : outbox.byAlert(alertId)) {
            boolean reached = job.status() == DeliveryStatus.SENT || job.status() == DeliveryStatus.DELIVERED
                    || job.status() == DeliveryStatus.ACKNOWLEDGED;
            if (!OutboxJob.ALERT.equals(job.kind()) || !reached || job.channel() == Channel.VOICE) {
                continue; // an update is written: no call
            }
            String key = job.key() + ":" + OutboxJob.UPDATE + ":" + now.toEpochMilli();
            String language = languages.getOrDefault(job.contactId(), "en");
            String text = MessageText.updateSms(language, view.get().who(), latest, zone, view.get().location());
            Outgoing out = job.channel() == Channel.SMS ? new Outgoing(key, job.message().to(), null, text, null)
                    : new Outgoing(key, job.message().to(), MessageText.updateSubject(language, view.get().who()), text, null);
            outbox.insert(job.followUp(OutboxJob.UPDATE, out, DeliveryStatus.QUEUED, null, now));
            queued++;
        }
        LOG.info("alert {}: another incident joined; update with the newest position queued ({} message(s))", alertId,
                queued);
        events.alertChanged(alertId);
        wakeDispatcher.run();
    }

    /** Sends the alert once more to every recipient (a skipped channel stays skipped). */
    private void escalate(String alertId) {
        Instant now = clock.instant();
        int queued = 0;
        for (OutboxJob job : outbox.byAlert(alertId)) {
            if (!OutboxJob.ALERT.equals(job.kind())) {
                continue;
            }
            Outgoing m = job.message();
            Outgoing again = new Outgoing(OutboxJob.key(job.key(), OutboxJob.ESCALATION), m.to(),
                    m.subject() == null ? null : MessageText.reminderSubject(languages(job.ownerId())
                            .getOrDefault(job.contactId(), "en"), m.subject()), m.text(), m.html());
            boolean skipped = job.status() == DeliveryStatus.SKIPPED_NOT_CONFIGURED;
            outbox.insert(job.followUp(OutboxJob.ESCALATION, again,
                    skipped ? DeliveryStatus.SKIPPED_NOT_CONFIGURED : DeliveryStatus.QUEUED, skipped ? job.error() : null, now));
            queued += skipped ? 0 : 1;
        }
        LOG.warn("alert {}: nobody acknowledged within {} s; sent once more ({} message(s))", alertId,
                escalateAfter.toSeconds(), queued);
        events.alertChanged(alertId);
        var stream = streams.get(alertId);
        if (stream != null) {
            stream.accept(Map.of("type", "escalated", "alert_id", alertId));
        }
        wakeDispatcher.run();
    }

    /** The language of each of the person's contacts, by contact id (a deleted contact gets English). */
    private Map<String, String> languages(String ownerId) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Contact c : contacts.apply(ownerId)) {
            out.put(c.id(), c.language());
        }
        return out;
    }

}
