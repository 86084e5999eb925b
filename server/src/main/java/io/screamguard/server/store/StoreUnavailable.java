package io.screamguard.server.store;

/** The database did not answer (down, unreachable, timed out); the API answers 503 database_unavailable. */
public final class StoreUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what  what was being done, e.g. "reading the session"
     * @param cause the driver's exception
     */
    public StoreUnavailable(String what, Throwable cause) {
        super("the database did not answer while " + what + "; try again when it is back (" + cause.getMessage() + ")",
                cause);
    }
}
