package io.screamguard.server.location;

import java.util.Locale;

/** How a location was obtained. */
public enum LocationSource {
    /** Coordinates from the browser's geolocation API. */
    BROWSER,
    /** Looked up from the client's IP address. */
    IP,
    /** Unknown. */
    NONE;

    /** The lower-case name used in JSON and MongoDB ("browser", "ip", "none"). */
    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return wireName();
    }

    /** The lower-case name used in JSON and MongoDB ("browser", "ip", "none"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
