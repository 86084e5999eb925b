package io.screamguard.server.events;

import io.javalin.http.Context;
import io.screamguard.server.accounts.Account;
import io.screamguard.server.accounts.Caller;
import io.screamguard.server.http.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/events} (paged, newest first; filters {@code verdict=scream|no_scream},
 * {@code type}, {@code from} and {@code to} (ISO instants, or dates meaning UTC midnight; from
 * inclusive, to exclusive), and for admins {@code user}), {@code GET /api/events/{id}} and {@code GET /api/stats} (also with {@code user} for admins).
 * A person sees only their own events (another person's event is 404, as if absent); an admin
 * sees everyone's. Statistics and the verdict filter count uploads and live incidents unless a
 * {@code type} is given (a live session summary repeats its incidents). Thin.
 */
public final class EventsHandler {
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final EventLog log;

    /** @param log the event log */
    public EventsHandler(EventLog log) {
        this.log = log;
    }

    /** {@code GET /api/events} */
    public void list(Context ctx) {
        Account caller = Caller.of(ctx);
        Optional<String> user = userFilter(ctx, caller);
        EventQuery query;
        try {
            query = new EventQuery(intParam(ctx, "page", 0), intParam(ctx, "size", DEFAULT_PAGE_SIZE),
                    verdict(ctx.queryParam("verdict")), user,
                    type(ctx.queryParam("type")), instant(ctx.queryParam("from"), "from"),
                    instant(ctx.queryParam("to"), "to"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ctx.json(log.list(query));
    }

    /** {@code GET /api/events/{id}} */
    public void get(Context ctx) {
        String id = ctx.pathParam("id");
        if (!EventLog.isValidId(id)) {
            throw ApiException.badRequest("event id must be 24 hexadecimal digits, got '" + id + "'");
        }
        Account caller = Caller.of(ctx);
        ctx.json(log.find(id).filter(e -> caller.admin() || caller.id().equals(e.get("user_id")))
                .orElseThrow(() -> ApiException.notFound("no event with id " + id)));
    }

    /** {@code GET /api/stats} */
    public void stats(Context ctx) {
        Optional<EventType> type;
        try {
            type = type(ctx.queryParam("type"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Account caller = Caller.of(ctx);
        ctx.json(log.stats(type, userFilter(ctx, caller)));
    }

    /** The caller's own events; an admin's are everyone's unless {@code user} names one account. */
    private static Optional<String> userFilter(Context ctx, Account caller) {
        String user = blankToNull(ctx.queryParam("user"));
        if (user != null && !caller.admin() && !user.equals(caller.id())) {
            throw ApiException.forbidden("the user filter is for admins; you see your own events");
        }
        return caller.admin() ? Optional.ofNullable(user) : Optional.of(caller.id());
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
        }
    }

    static Optional<Boolean> verdict(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "scream" -> Optional.of(true);
            case "no_scream" -> Optional.of(false);
            default -> throw new IllegalArgumentException("verdict must be 'scream' or 'no_scream', got '" + text + "'");
        };
    }

    /** An ISO-8601 instant (2026-11-21T08:00:00Z) or date (2026-11-21 = its UTC midnight); empty when absent. */
    static Optional<Instant> instant(String text, String name) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            return Optional.of(t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date (2026-11-21) or an ISO instant"
                    + " (2026-11-21T08:00:00Z), got '" + text + "'");
        }
    }

    static Optional<EventType> type(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (EventType t : EventType.values()) {
            if (t.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        throw new IllegalArgumentException("type must be upload, live_incident or live_session, got '" + text + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
