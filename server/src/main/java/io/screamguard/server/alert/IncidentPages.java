package io.screamguard.server.alert;

import io.screamguard.server.location.Location;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recipients' incident pages: a random 128-bit token per contact and alert (only its SHA-256
 * is stored, in the outbox jobs), valid {@link AlertService#LINK_LIFETIME}; what the page shows
 * and "I'm on my way". Thread-safe.
 */
final class IncidentPages {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentPages.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlertStore alerts;
    private final TraceStore traces;
    private final ClipStore clips;
    private final OutboxStore outbox;
    private final EventAlerts events;
    private final Map<String, Consumer<Map<String, Object>>> streams;
    private final Clock clock;

    /** @param streams the open stream of each alert's person (for "acknowledged") */
    IncidentPages(AlertStore alerts, TraceStore traces, ClipStore clips, OutboxStore outbox, EventAlerts events,
                  Map<String, Consumer<Map<String, Object>>> streams, Clock clock) {
        this.alerts = alerts;
        this.traces = traces;
        this.clips = clips;
        this.outbox = outbox;
        this.events = events;
        this.streams = streams;
        this.clock = clock;
    }

    /**
     * What a recipient's incident page shows: the person, when, how sure, the latest position with
     * map links, the alert's status, who is on their way, and whether this recipient said so.
     *
     * @return empty when the token is unknown or expired (24 h)
     */
    java.util.Optional<Map<String, Object>> incidentPage(String token) {
        return recipient(token).flatMap(r -> alerts.view(r.alertId()).map(a -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("who", a.who());
            page.put("detected_at", a.raisedAt().toString());
            page.put("probability", a.probability());
            page.put("status", events.summary(r.alertId()));
            Map<String, Object> where = new LinkedHashMap<>();
            Location l = a.location();
            where.put("latitude", l.latitude());
            where.put("longitude", l.longitude());
            where.put("accuracy_m", l.accuracyMeters());
            where.put("source", l.source().wireName());
            where.put("address", l.address());
            where.put("google_maps", MessageText.googleMaps(l));
            where.put("openstreetmap", MessageText.openStreetMap(l));
            page.put("location", where);
            List<String> incidents = alerts.incidentIds(r.alertId());
            page.put("trace", incidents.isEmpty() ? List.of() : traces.of(incidents.get(0)).stream()
                    .map(p -> Map.of("t", p.seconds(), "p", p.probability())).toList());
            page.put("clip", !incidents.isEmpty() && clips.sharesAudio(a.ownerId()));
            page.put("on_their_way", a.acknowledgements().stream().map(AlertView.Acknowledgement::contact).toList());
            boolean you = a.acknowledgements().stream().anyMatch(x -> x.contactId().equals(r.contactId()));
            page.put("you", Map.of("name", r.contactName(), "acknowledged", you));
            return page;
        }));
    }

    /**
     * The audio clip of the page's (first) incident, only when its person lets contacts play it.
     *
     * @return empty when the token is unknown or expired, the person does not share audio, or no clip was kept
     */
    java.util.Optional<byte[]> clip(String token) {
        return recipient(token).flatMap(r -> alerts.view(r.alertId())).filter(a -> clips.sharesAudio(a.ownerId()))
                .flatMap(a -> {
                    List<String> incidents = alerts.incidentIds(a.alertId());
                    return incidents.isEmpty() ? java.util.Optional.empty()
                            : clips.of(incidents.get(0)).filter(c -> c.ownerId().equals(a.ownerId())).map(ClipStore.Clip::wav);
                });
    }

    /**
     * "I'm on my way" from a recipient's incident page: recorded on the alert and the recipient's
     * messages (status acknowledged), pushed to the person's stream while it is open, shown to the
     * other contacts on their pages; stops the escalation.
     *
     * @return false when the token is unknown or expired
     */
    boolean acknowledge(String token) {
        var r = recipient(token);
        if (r.isEmpty()) {
            return false;
        }
        String alertId = r.get().alertId();
        Instant now = clock.instant();
        if (alerts.acknowledge(alertId, r.get().contactId(), r.get().contactName(), now)) {
            outbox.acknowledge(alertId, r.get().contactId(), now);
            events.alertChanged(alertId);
            var stream = streams.get(alertId);
            if (stream != null) {
                stream.accept(Map.of("type", "acknowledged", "alert_id", alertId, "contact", r.get().contactName()));
            }
            LOG.info("alert {}: {} ({}) is on their way", alertId, r.get().contactName(), r.get().contactId());
        }
        return true;
    }

    private java.util.Optional<AlertView.Recipient> recipient(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{22}")) {
            return java.util.Optional.empty();
        }
        return outbox.byToken(sha256(token)).filter(r -> r.expiresAt().isAfter(clock.instant()));
    }

    /** A random 128-bit token, base64url (22 characters). */
    static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

}
