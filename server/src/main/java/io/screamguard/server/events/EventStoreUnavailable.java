package io.screamguard.server.events;

/** The event database cannot answer a query right now (writes are spooled instead). */
public final class EventStoreUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed; @param cause the driver error */
    public EventStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
