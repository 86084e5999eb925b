package io.screamguard.server.alert;

import java.time.Instant;

/**
 * One message of an alert to one contact on one channel, as kept in the outbox.
 *
 * @param key          the idempotency key {@code alertId:contactId:channel} (the document id: unique)
 * @param alertId      the alert
 * @param ownerId      the person
 * @param contactId    the contact
 * @param contactName  the contact's name (kept: the contact may be edited or deleted later)
 * @param channel      sms or email
 * @param message      what is sent (worded when the alert was raised, so a retry sends the same text)
 * @param status       where it stands
 * @param attempts     send attempts so far
 * @param nextAttemptAt when the dispatcher may try it (now, or after a backoff)
 * @param providerId   the provider's message id once sent, else null
 * @param error        the last failure's reason, else null
 * @param createdAt    when it was queued
 * @param updatedAt    its last change
 * @param kind         {@value #ALERT} (the alert itself), {@value #SAFE} (the "I'm safe" follow-up),
 *                     {@value #ESCALATION} (sent again when nobody acknowledged) or {@value #UPDATE}
 *                     (another incident joined the alert: the newest position)
 */
public record OutboxJob(String key, String alertId, String ownerId, String contactId, String contactName, Channel channel,
                        Outgoing message, DeliveryStatus status, int attempts, Instant nextAttemptAt, String providerId,
                        String error, Instant createdAt, Instant updatedAt, String kind) {
    /** The alert message. */
    public static final String ALERT = "alert";
    /** The "I'm safe" follow-up. */
    public static final String SAFE = "safe";
    /** The alert sent once more because nobody acknowledged it. */
    public static final String ESCALATION = "escalation";
    /** Another incident joined the alert (at most one a minute). */
    public static final String UPDATE = "update";

    public OutboxJob {
        if (!java.util.Set.of(ALERT, SAFE, ESCALATION, UPDATE).contains(kind)) {
            throw new IllegalArgumentException("kind must be alert, safe, escalation or update, got " + kind);
        }
        if (key == null || alertId == null || ownerId == null || contactId == null || channel == null || message == null
                || status == null || nextAttemptAt == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("an outbox job needs its key, alert, owner, contact, channel, message,"
                    + " status and times, got key=" + key + " status=" + status);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
        }
    }

    /** The idempotency key of a (alert, contact, channel). */
    public static String key(String alertId, String contactId, Channel channel) {
        return alertId + ":" + contactId + ":" + channel.wireName();
    }

    /** The key of a follow-up of the alert job {@code alertKey} ({@code ...:safe}, {@code ...:escalation}). */
    public static String key(String alertKey, String kind) {
        return ALERT.equals(kind) ? alertKey : alertKey + ":" + kind;
    }

    /** A follow-up of this (alert) job to the same recipient, under its message's key. */
    OutboxJob followUp(String followKind, Outgoing followMessage, DeliveryStatus followStatus, String followError,
                       Instant now) {
        return new OutboxJob(followMessage.key(), alertId, ownerId, contactId, contactName, channel, followMessage,
                followStatus, 0, now, null, followError, now, now, followKind);
    }
}
