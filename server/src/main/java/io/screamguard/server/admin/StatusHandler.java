package io.screamguard.server.admin;

import io.javalin.http.Context;
import io.screamguard.server.events.EventLog;
import io.screamguard.server.events.EventStats;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/admin/status} (admins only): a few figures for the admin page, which cannot hold
 * the METRICS_TOKEN that /metrics may need: active streams, events today (UTC), alert messages
 * waiting to be sent, countdowns running, and the database state. Thin.
 */
public final class StatusHandler {
    private final EventLog events;
    private final IntSupplier activeStreams;
    private final LongSupplier messagesQueued;
    private final IntSupplier countdownsRunning;
    private final Clock clock;

    /**
     * @param events            the event log (today's count, database state, spool depth)
     * @param activeStreams     live streams open now
     * @param messagesQueued    alert messages queued or waiting for a retry
     * @param countdownsRunning cancel countdowns running now
     * @param clock             what "today" is (UTC)
     */
    public StatusHandler(EventLog events, IntSupplier activeStreams, LongSupplier messagesQueued,
                         IntSupplier countdownsRunning, Clock clock) {
        this.events = events;
        this.activeStreams = activeStreams;
        this.messagesQueued = messagesQueued;
        this.countdownsRunning = countdownsRunning;
        this.clock = clock;
    }

    /** {@code GET /api/admin/status} */
    public void status(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean dbUp = events.databaseUp();
        body.put("database", dbUp ? "up" : "down");
        body.put("spool_depth", events.spoolDepth());
        body.put("active_streams", activeStreams.getAsInt());
        body.put("events_today", dbUp ? eventsToday() : null);
        body.put("alerts_pending", messagesQueued.getAsLong());
        body.put("countdowns_running", countdownsRunning.getAsInt());
        ctx.json(body);
    }

    /** Uploads and live incidents of every person today (UTC), as /api/stats counts them. */
    private long eventsToday() {
        String today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
        EventStats stats = events.stats(Optional.empty(), Optional.empty());
        return stats.days().stream().filter(d -> d.day().equals(today)).mapToLong(EventStats.DayCount::total).sum();
    }
}
