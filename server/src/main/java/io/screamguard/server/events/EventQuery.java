package io.screamguard.server.events;

import java.time.Instant;
import java.util.Optional;

/**
 * A page of the event list, newest first.
 *
 * @param page   zero-based page number
 * @param size   events per page, 1..100
 * @param scream filter on the verdict, empty = both
 * @param userId filter on the user, empty = all
 * @param type   filter on the event type, empty = all
 * @param from   only events at or after this instant, empty = no lower bound
 * @param to     only events before this instant, empty = no upper bound
 */
public record EventQuery(int page, int size, Optional<Boolean> scream, Optional<String> userId,
                         Optional<EventType> type, Optional<Instant> from, Optional<Instant> to) {
    /** Largest page size. */
    public static final int MAX_SIZE = 100;

    public EventQuery {
        if (page < 0 || page > 1_000_000) {
            throw new IllegalArgumentException("page must be between 0 and 1000000, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to, got from=" + from.get() + " to=" + to.get());
        }
    }

    /** A query without a time range. */
    public EventQuery(int page, int size, Optional<Boolean> scream, Optional<String> userId, Optional<EventType> type) {
        this(page, size, scream, userId, type, Optional.empty(), Optional.empty());
    }
}
