package io.screamguard.core.detection;

import java.util.List;

/**
 * What a live session amounted to so far.
 *
 * @param audioSeconds    audio received, at the input rate, in seconds
 * @param windowsScored   windows that passed the loudness gate and were scored
 * @param windowsQuiet    windows below the loudness gate
 * @param incidents       closed incidents, in order
 * @param incidentOpen    whether an incident is still open
 * @param peakProbability highest window probability of the session, 0 when nothing was scored
 */
public record LiveSummary(double audioSeconds, long windowsScored, long windowsQuiet, List<Incident> incidents,
                          boolean incidentOpen, double peakProbability) {

    /** Validates the counts and copies the list. */
    public LiveSummary {
        if (!(audioSeconds >= 0)) {
            throw new IllegalArgumentException("audioSeconds must be >= 0, got " + audioSeconds);
        }
        if (windowsScored < 0 || windowsQuiet < 0) {
            throw new IllegalArgumentException("window counts must be >= 0, got scored=" + windowsScored
                    + " quiet=" + windowsQuiet);
        }
        incidents = List.copyOf(incidents);
    }
}
