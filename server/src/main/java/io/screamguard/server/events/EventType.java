package io.screamguard.server.events;

import java.util.Locale;

/** Kinds of logged events. */
public enum EventType {
    /** One analysed upload. */
    UPLOAD,
    /** One incident detected in a live stream. */
    LIVE_INCIDENT,
    /** The summary of a live stream, written when it ends. */
    LIVE_SESSION;

    /** The value stored in the {@code type} field, e.g. "live_incident". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
