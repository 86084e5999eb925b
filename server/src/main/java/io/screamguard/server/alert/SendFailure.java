package io.screamguard.server.alert;

/**
 * A provider refused or did not answer. {@link #retryable()} failures (timeouts, connection
 * errors, HTTP 429 and 5xx, SMTP 4xx) are retried with backoff; the others (an invalid number,
 * another 4xx from Twilio, SMTP 5xx) fail the message at once with the provider's reason.
 */
public final class SendFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    /**
     * @param reason    the provider's reason, kept in {@code alert.recipients[].error}
     * @param retryable whether another attempt may succeed
     * @param cause     the provider's exception, may be null
     */
    public SendFailure(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
    }

    /** True for a transient failure. */
    public boolean retryable() {
        return retryable;
    }
}
