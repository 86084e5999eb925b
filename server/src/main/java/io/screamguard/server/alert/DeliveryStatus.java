package io.screamguard.server.alert;

import java.util.Locale;

/**
 * The state of one message to one contact on one channel ({@code alert.recipients[].status}).
 * {@code queued} until the provider accepted it ({@code sent}); SMS then becomes
 * {@code delivered} or {@code undelivered} from Twilio's status callback; {@code failed} after a
 * permanent error or the last retry; {@code skipped_not_configured} when the channel has no credentials.
 */
public enum DeliveryStatus {
    QUEUED,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    SKIPPED_NOT_CONFIGURED,
    ACKNOWLEDGED;

    /** The lower-case wire name, e.g. {@code skipped_not_configured}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire name. */
    public static DeliveryStatus parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** True once nothing more will be sent for it. */
    public boolean settled() {
        return this != QUEUED;
    }
}
