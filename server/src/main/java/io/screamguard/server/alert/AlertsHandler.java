package io.screamguard.server.alert;

import io.javalin.http.Context;
import io.screamguard.server.accounts.Caller;
import io.screamguard.server.alert.sms.TwilioCallbacks;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.http.JsonBodies;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting routes: {@code POST /api/incidents/{id}/cancel} (the person stops a countdown),
 * {@code GET /api/alerts/channels} (which channels can send, and what is missing) and Twilio's
 * status callback {@code POST /api/alerts/twilio/status} (public, verified by its signature). Thin.
 */
public final class AlertsHandler {
    /** Path of Twilio's status callback. */
    public static final String TWILIO_STATUS_PATH = "/api/alerts/twilio/status";
    private static final Logger LOG = LoggerFactory.getLogger(AlertsHandler.class);

    private final AlertService alerts;
    private final TwilioCallbacks twilio;
    private final String publicBaseUrl;

    /**
     * @param alerts        the alerting
     * @param twilio        the callback verifier
     * @param publicBaseUrl the URL Twilio was given is PUBLIC_BASE_URL + the path: the signature covers it
     */
    public AlertsHandler(AlertService alerts, TwilioCallbacks twilio, String publicBaseUrl) {
        this.alerts = alerts;
        this.twilio = twilio;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** {@code POST /api/incidents/{id}/cancel}: 200 when a countdown stopped, 404 when none of the caller's is running. */
    public void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        String pin = ctx.body().isBlank() ? null : JsonBodies.read(ctx, PinBody.class, "{\"pin\":\"1234\"}").pin();
        switch (alerts.cancel(Caller.of(ctx).id(), id, pin)) {
            case NOT_FOUND -> throw ApiException.notFound("no countdown of yours is running for incident " + id
                    + " (it was already sent or cancelled, or the id is wrong)");
            case REFUSED -> throw ApiException.forbidden(pin == null ? "your PIN is needed to cancel: send {\"pin\":\"…\"}"
                    : "the PIN is wrong; the countdown goes on");
            // CANCELLED and DURESS answer alike: someone may be watching the screen
            default -> ctx.json(Map.of("cancelled", true, "incident_id", id));
        }
    }

    /** The body of a cancel. */
    record PinBody(String pin) {
    }

    /** The body of {@code PUT /api/alerts/pins}. */
    record PinsBody(String pin, String duressPin) {
    }

    /** {@code GET /api/alerts/pins} → {"pin_set","duress_pin_set"}. */
    public void pins(Context ctx) {
        ctx.json(alerts.pinStatus(Caller.of(ctx).id()));
    }

    /** {@code PUT /api/alerts/pins} {"pin","duress_pin"} (both null clears them) → the new status. */
    public void setPins(Context ctx) {
        PinsBody body = JsonBodies.read(ctx, PinsBody.class, "{\"pin\":\"2468\",\"duress_pin\":\"1357\"}");
        try {
            alerts.setPins(Caller.of(ctx).id(), body.pin(), body.duressPin());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ctx.json(alerts.pinStatus(Caller.of(ctx).id()));
    }

    /**
     * {@code POST /api/alerts/{id}/safe}: "I'm safe" ends the caller's open alert and tells every
     * contact it reached; 404 when the caller has no open alert with that id.
     */
    public void safe(Context ctx) {
        String id = ctx.pathParam("id");
        int followUps = alerts.safe(Caller.of(ctx).id(), id);
        if (followUps < 0) {
            throw ApiException.notFound("you have no open alert with id " + id + " (it ended already, or the id is wrong)");
        }
        ctx.json(Map.of("alert_id", id, "status", "safe", "follow_ups", followUps));
    }

    /**
     * {@code GET /api/incidents/{id}/clip}: the incident's audio (WAV, 16 kHz mono) for its owner or
     * an admin; 404 for anyone else and when no clip was kept (so ids cannot be probed).
     */
    public void clip(Context ctx) {
        String id = ctx.pathParam("id");
        var caller = Caller.of(ctx);
        byte[] wav = alerts.clip(id, caller.id(), caller.admin()).orElseThrow(() -> ApiException.notFound(
                "you have no audio clip for incident " + id + " (clips are kept for live incidents that raised a"
                        + " countdown, for CLIP_RETENTION_DAYS days)"));
        writeWav(ctx, wav);
    }

    /**
     * A clip with byte-range support (Range: bytes=…, 206), which browsers' audio players need to
     * know its length and to seek; never cached.
     */
    private static void writeWav(Context ctx, byte[] wav) {
        ctx.header("Cache-Control", "private, no-store");
        ctx.writeSeekableStream(new java.io.ByteArrayInputStream(wav), "audio/wav", wav.length);
    }

    /** The body of {@code PUT /api/alerts/sharing}. */
    record SharingBody(Boolean shareAudio) {
    }

    /** {@code GET /api/alerts/sharing} → {"share_audio"}: whether contacts may play the clips on the incident page. */
    public void sharing(Context ctx) {
        ctx.json(Map.of("share_audio", alerts.sharesAudio(Caller.of(ctx).id())));
    }

    /** {@code PUT /api/alerts/sharing} {"share_audio": true|false} → the new setting. */
    public void setSharing(Context ctx) {
        SharingBody body = JsonBodies.read(ctx, SharingBody.class, "{\"share_audio\":true}");
        if (body.shareAudio() == null) {
            throw ApiException.badRequest("share_audio must be true or false, e.g. {\"share_audio\":true}");
        }
        alerts.shareAudio(Caller.of(ctx).id(), body.shareAudio());
        sharing(ctx);
    }

    /**
     * {@code GET /api/i/{id}/clip}: the incident's audio for a recipient, only when the person lets
     * contacts play it; 404 otherwise (unknown or expired link, not shared, no clip).
     */
    public void incidentClip(Context ctx) {
        byte[] wav = alerts.pageClip(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound(
                "no audio for this incident link (the person did not share it, no clip was kept, or the link expired)"));
        writeWav(ctx, wav);
    }

    /** {@code GET /api/i/{id}}: a recipient's incident page data; 404 when the link is unknown or expired. */
    public void incident(Context ctx) {
        ctx.json(alerts.incidentPage(ctx.pathParam("id")).orElseThrow(AlertsHandler::unknownLink));
    }

    /** {@code POST /api/i/{id}/ack}: "I'm on my way"; 404 when the link is unknown or expired. */
    public void acknowledge(Context ctx) {
        if (!alerts.acknowledge(ctx.pathParam("id"))) {
            throw unknownLink();
        }
        ctx.json(alerts.incidentPage(ctx.pathParam("id")).orElseThrow(AlertsHandler::unknownLink));
    }

    /** {@code GET /i/{id}}: the incident page (its script reads /api/i/{id}); the link is the credential. */
    public void page(Context ctx) throws java.io.IOException {
        try (java.io.InputStream html = AlertsHandler.class.getResourceAsStream("/web/incident.html")) {
            if (html == null) {
                throw new IllegalStateException("web/incident.html is missing from the classpath");
            }
            ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
                    .result(html.readAllBytes());
        }
    }

    private static ApiException unknownLink() {
        return ApiException.notFound("this incident link is unknown or has expired (links work for 24 hours)");
    }

    /** {@code GET /api/alerts/channels} */
    public void channels(Context ctx) {
        ctx.json(alerts.channels());
    }

    /**
     * {@code POST /api/alerts/twilio/status}: 403 and no change when the signature is wrong;
     * otherwise 204 (also for intermediate statuses and unknown message ids, so Twilio does not retry).
     */
    public void twilioStatus(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        String url = publicBaseUrl + TWILIO_STATUS_PATH;
        if (!twilio.verified(url, params, ctx.header("X-Twilio-Signature"))) {
            LOG.warn("refused a Twilio status callback with a missing or wrong signature from {} (url {})", ctx.ip(), url);
            throw ApiException.forbidden("the X-Twilio-Signature does not match " + url
                    + " and these parameters; check PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN");
        }
        boolean call = params.containsKey("CallSid") && !params.containsKey("MessageSid");
        String sid = params.getOrDefault(call ? "CallSid" : "MessageSid", "");
        TwilioCallbacks.status(params.get(call ? "CallStatus" : "MessageStatus")).ifPresent(status -> {
            String error = params.containsKey("ErrorCode") ? "Twilio error " + params.get("ErrorCode") : null;
            if (!alerts.deliveryReport(sid, status, status == DeliveryStatus.DELIVERED ? null : error)) {
                LOG.info("Twilio status {} for unknown message {}", status.wireName(), sid);
            }
        });
        ctx.status(204);
    }
}
