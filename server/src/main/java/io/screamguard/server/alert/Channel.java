package io.screamguard.server.alert;

import java.util.Locale;

/** Where a message goes; the wire names are the contact's {@code channels} values. */
public enum Channel {
    SMS,
    EMAIL,
    /** A phone call that reads the alert twice (Twilio, TwiML {@code <Say>}). */
    VOICE;

    /** "sms", "email" or "voice". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for anything but sms, email or voice
     */
    public static Channel parse(String wire) {
        for (Channel c : values()) {
            if (c.wireName().equals(wire)) {
                return c;
            }
        }
        throw new IllegalArgumentException("channel must be sms, email or voice, got '" + wire + "'");
    }
}
