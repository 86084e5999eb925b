package io.screamguard.server.alert;

import java.util.Locale;

/** Where a message goes; the wire names are the contact's {@code channels} values. */
public enum Channel {
    SMS,
    EMAIL;

    /** "sms" or "email". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for anything but sms or email
     */
    public static Channel parse(String wire) {
        for (Channel c : values()) {
            if (c.wireName().equals(wire)) {
                return c;
            }
        }
        throw new IllegalArgumentException("channel must be sms or email, got '" + wire + "'");
    }
}
