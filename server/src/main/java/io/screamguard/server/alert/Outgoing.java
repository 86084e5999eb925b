package io.screamguard.server.alert;

/**
 * One message as a provider sends it.
 *
 * @param key     the idempotency key of its outbox job ({@code alertId:contactId:channel}), or a test key
 * @param to      E.164 number for SMS, address for email
 * @param subject email subject (null for SMS)
 * @param text    the SMS text, or the email's plain-text part
 * @param html    the email's HTML part (null for SMS)
 */
public record Outgoing(String key, String to, String subject, String text, String html) {
    public Outgoing {
        if (key == null || to == null || to.isBlank() || text == null || text.isBlank()) {
            throw new IllegalArgumentException("a message needs a key, a recipient and a text, got key=" + key + " to=" + to);
        }
    }
}
