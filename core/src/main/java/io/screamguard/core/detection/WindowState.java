package io.screamguard.core.detection;

/**
 * What the detector made of one window. Sent to live clients as {@link #wireName()}.
 */
public enum WindowState {
    /** Below the loudness gate: not scored, counted as quiet. */
    QUIET("quiet"),
    /** Scored, probability below the threshold, no incident open. */
    BELOW_THRESHOLD("below"),
    /** Scored, probability at or above the threshold, but not (yet) k of the last n: no incident open. */
    ABOVE_THRESHOLD("above"),
    /** An incident is open after this window (whatever this window's own probability). */
    INCIDENT("incident");

    private final String wireName;

    WindowState(String wireName) {
        this.wireName = wireName;
    }

    /** @return the lower-case name used in JSON messages: quiet, below, above or incident */
    public String wireName() {
        return wireName;
    }
}
