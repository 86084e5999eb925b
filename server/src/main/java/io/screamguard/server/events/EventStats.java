package io.screamguard.server.events;

import java.util.List;

/**
 * Event counts by UTC day and verdict.
 *
 * @param days     one entry per day with events, oldest first
 * @param total    all events
 * @param screams  events with a scream verdict
 * @param noScream events without
 */
public record EventStats(List<DayCount> days, long total, long screams, long noScream) {
    /**
     * @param day      UTC date, yyyy-MM-dd
     * @param screams  events with a scream verdict that day
     * @param noScream events without
     * @param total    both
     */
    public record DayCount(String day, long screams, long noScream, long total) {
    }
}
