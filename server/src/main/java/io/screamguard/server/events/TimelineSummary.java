package io.screamguard.server.events;

import io.screamguard.server.scoring.IncidentSummary;
import java.util.List;

/**
 * A compact summary of the windows of an analysis (the full per-window timeline is returned to
 * the client, not stored).
 *
 * @param durationSeconds        audio analysed
 * @param windows                windows in total
 * @param quietWindows           windows below the loudness gate
 * @param windowsAboveThreshold  windows at or above the threshold
 * @param meanProbability        mean probability of the scored windows (0 when none)
 * @param droppedWindows         windows lost to overload (live only)
 * @param incidents              incidents in time order
 */
public record TimelineSummary(double durationSeconds, long windows, long quietWindows, long windowsAboveThreshold,
                              double meanProbability, long droppedWindows, List<IncidentSummary> incidents) {
    public TimelineSummary {
        incidents = List.copyOf(incidents);
    }
}
