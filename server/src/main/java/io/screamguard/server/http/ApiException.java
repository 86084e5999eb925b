package io.screamguard.server.http;

/** A typed API error raised by handlers; {@link ErrorMapper} turns it into the JSON body. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ApiError error;
    private final int retryAfterSeconds;

    /**
     * @param error  code and status
     * @param detail a sentence for the client: the value, what was expected, what to do
     */
    public ApiException(ApiError error, String detail) {
        this(error, detail, 0);
    }

    private ApiException(ApiError error, String detail, int retryAfterSeconds) {
        super(detail);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The code and status. */
    public ApiError error() {
        return error;
    }

    /** Seconds for the {@code Retry-After} header, or 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The server is at a concurrency limit named in the detail; the client should retry after the given seconds. */
    public static ApiException busy(String detail, int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1, got " + retryAfterSeconds);
        }
        return new ApiException(ApiError.BUSY, detail, retryAfterSeconds);
    }

    /** The request body arrived too slowly or stalled (the detail names the setting). */
    public static ApiException requestTimeout(String detail) {
        return new ApiException(ApiError.REQUEST_TIMEOUT, detail);
    }

    /**
     * The server ran short of memory while handling the request (never the client's fault); the
     * client should retry after the given seconds.
     */
    public static ApiException insufficientMemory(String detail, int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1, got " + retryAfterSeconds);
        }
        return new ApiException(ApiError.INSUFFICIENT_MEMORY, detail, retryAfterSeconds);
    }

    /** Too many attempts (sign-in, registration); the client may retry after the given seconds. */
    public static ApiException tooManyRequests(String detail, int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1, got " + retryAfterSeconds);
        }
        return new ApiException(ApiError.TOO_MANY_REQUESTS, detail, retryAfterSeconds);
    }

    /** No valid session (or metrics token); the detail says how to sign in. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(ApiError.UNAUTHORIZED, detail);
    }

    /** Signed in, but not allowed; the detail says what is needed. */
    public static ApiException forbidden(String detail) {
        return new ApiException(ApiError.FORBIDDEN, detail);
    }

    /** The request conflicts with the current state (a taken email, a limit reached). */
    public static ApiException conflict(String detail) {
        return new ApiException(ApiError.CONFLICT, detail);
    }

    /** Bad input named in the detail. */
    public static ApiException badRequest(String detail) {
        return new ApiException(ApiError.BAD_REQUEST, detail);
    }

    /** Absent resource named in the detail. */
    public static ApiException notFound(String detail) {
        return new ApiException(ApiError.NOT_FOUND, detail);
    }

    /** Over a size or duration limit named in the detail. */
    public static ApiException tooLarge(String detail) {
        return new ApiException(ApiError.PAYLOAD_TOO_LARGE, detail);
    }
}
