package io.screamguard.server.http;

/** The error codes the API answers with, each with its HTTP status. */
public enum ApiError {
    BAD_REQUEST(400, "bad_request"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    UNPROCESSABLE_AUDIO(422, "unprocessable_audio"),
    REQUEST_TIMEOUT(408, "request_timeout"),
    CONFLICT(409, "conflict"),
    UPGRADE_REQUIRED(426, "upgrade_required"),
    TOO_MANY_REQUESTS(429, "too_many_requests"),
    INTERNAL(500, "internal_error"),
    DATABASE_UNAVAILABLE(503, "database_unavailable"),
    BUSY(503, "busy"),
    INSUFFICIENT_MEMORY(503, "insufficient_memory"),
    ALERTING_NOT_CONFIGURED(503, "alerting_not_configured");

    private final int status;
    private final String code;

    ApiError(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** HTTP status code. */
    public int status() {
        return status;
    }

    /** Machine-readable code in the body's {@code error} field. */
    public String code() {
        return code;
    }
}
