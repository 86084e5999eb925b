package io.screamguard.server.http;

/** A typed API error raised by handlers; {@link ErrorMapper} turns it into the JSON body. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ApiError error;

    /**
     * @param error  code and status
     * @param detail a sentence for the client: the value, what was expected, what to do
     */
    public ApiException(ApiError error, String detail) {
        super(detail);
        this.error = error;
    }

    /** The code and status. */
    public ApiError error() {
        return error;
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
