package io.screamguard.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.screamguard.server.events.EventStoreUnavailable;
import io.screamguard.server.scoring.AudioRejected;
import io.screamguard.server.store.StoreUnavailable;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses. Every error body is
 * {@code {"error": code, "detail": sentence}}.
 *
 * <p>Besides our own {@link ApiException}, it maps {@link AudioRejected} (413/415/422), the event
 * store being down (503), Javalin's own HTTP exceptions (404, 405, 413 ...) and the size-limit
 * exceptions Jetty's multipart parser throws when a body is larger than the configured limits, so
 * that a too-large upload gets OUR 413 naming the limit rather than a generic 500.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** Refused bodies up to this size are read and dropped (see {@link #discardSmallBody}). */
    static final long DISCARD_MAX_BYTES = 1L << 20;

    private final long maxUploadBytes;
    private final double maxUploadSeconds;

    /**
     * @param maxUploadBytes   the MAX_UPLOAD_BYTES limit, named in 413 details
     * @param maxUploadSeconds the MAX_UPLOAD_SECONDS limit, named in 413 details
     */
    public ErrorMapper(long maxUploadBytes, double maxUploadSeconds) {
        this.maxUploadBytes = maxUploadBytes;
        this.maxUploadSeconds = maxUploadSeconds;
    }

    /** Registers the exception and status handlers on a Javalin configuration. */
    public void install(JavalinConfig cfg) {
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            if (e instanceof ApiException api && api.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Integer.toString(api.retryAfterSeconds()));
            }
            Mapped mapped = map(e);
            if (e instanceof ApiException && isRefusal(mapped.error().status())) {
                discardSmallBody(ctx);
            }
            respond(ctx, mapped);
        });
        cfg.routes.error(404, ctx -> {
            if (!isErrorBody(ctx)) {
                respond(ctx, new Mapped(ApiError.NOT_FOUND, "no route for " + ctx.method() + " " + ctx.path()));
            }
        });
        cfg.routes.error(405, ctx -> {
            if (!isErrorBody(ctx)) {
                respond(ctx, new Mapped(ApiError.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
    }

    /** 401, 403 and 429 answer a request before its handler has read any of it. */
    private static boolean isRefusal(int status) {
        return status == 401 || status == 403 || status == 429;
    }

    /**
     * Reads and drops the unread body of a refused request when it is small (at most
     * {@value #DISCARD_MAX_BYTES} bytes by its Content-Length), so the client, still sending,
     * reads the refusal instead of a reset connection; a larger body is not read (Jetty closes the
     * connection), so no one without a session can make the server read megabytes.
     */
    private static void discardSmallBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(ctx.header("Transfer-Encoding"));
        if (length == 0 || (length < 0 && !chunked)) {
            return;
        }
        if (length < 0 || length > DISCARD_MAX_BYTES) {
            // left unread: the connection ends after the answer, and the header tells the client so
            ctx.header("Connection", "close");
            return;
        }
        try {
            ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException | IllegalStateException e) {
            LOG.debug("could not discard the body of a refused {} {}: {}", ctx.method(), ctx.path(), e.toString());
        }
    }

    private static boolean isErrorBody(Context ctx) {
        String result = ctx.result();
        return result != null && result.startsWith("{\"error\"");
    }

    private static void respond(Context ctx, Mapped m) {
        ctx.status(m.error().status()).json(new ErrorBody(m.error().code(), m.detail()));
    }

    /**
     * Maps an exception to an error code and detail (pure; used by the handlers and tests).
     */
    public Mapped map(Throwable e) {
        return mapped(e);
    }

    /** The detail of every 503 database_unavailable: short and generic (details go to the log). */
    static final String DATABASE_UNAVAILABLE_DETAIL = "the database is not reachable right now; try again in a moment";

    private Mapped mapped(Throwable e) {
        if (e instanceof ApiException api) {
            return new Mapped(api.error(), api.getMessage());
        }
        if (e instanceof AudioRejected rejected) {
            return mapRejected(rejected);
        }
        if (e instanceof EventStoreUnavailable || e instanceof StoreUnavailable) {
            // the message holds the driver's view of the cluster (addresses): the log gets it, the client does not
            LOG.warn("answering 503 database_unavailable: {}", e.getMessage());
            return new Mapped(ApiError.DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_DETAIL);
        }
        if (isSizeLimit(e)) {
            return new Mapped(ApiError.PAYLOAD_TOO_LARGE, uploadTooLargeDetail());
        }
        if (e instanceof HttpResponseException http) {
            return mapJavalin(http);
        }
        LOG.error("unhandled error", e);
        return new Mapped(ApiError.INTERNAL, "the server failed to handle the request ("
                + e.getClass().getSimpleName() + "); see the server log");
    }

    private Mapped mapRejected(AudioRejected r) {
        return switch (r.reason()) {
            case UNSUPPORTED_FORMAT -> new Mapped(ApiError.UNSUPPORTED_MEDIA_TYPE, r.getMessage());
            case TOO_LARGE -> new Mapped(ApiError.PAYLOAD_TOO_LARGE, r.getMessage()
                    + " (limit " + maxUploadBytes + " bytes, MAX_UPLOAD_BYTES)");
            case TOO_LONG -> new Mapped(ApiError.PAYLOAD_TOO_LARGE, r.getMessage()
                    + " (limit " + formatSeconds(maxUploadSeconds) + " s, MAX_UPLOAD_SECONDS)");
            case EMPTY, TRUNCATED, CORRUPT -> new Mapped(ApiError.UNPROCESSABLE_AUDIO, r.getMessage());
        };
    }

    private Mapped mapJavalin(HttpResponseException http) {
        int status = http.getStatus();
        if (status == 413) {
            return new Mapped(ApiError.PAYLOAD_TOO_LARGE, uploadTooLargeDetail());
        }
        for (ApiError candidate : ApiError.values()) {
            if (candidate.status() == status) {
                return new Mapped(candidate, http.getMessage());
            }
        }
        return new Mapped(status >= 500 ? ApiError.INTERNAL : ApiError.BAD_REQUEST, http.getMessage());
    }

    /** The 413 detail for a body over the byte limit. */
    public String uploadTooLargeDetail() {
        return "the upload is larger than the limit of " + maxUploadBytes + " bytes ("
                + String.format(Locale.ROOT, "%.1f", maxUploadBytes / 1048576.0)
                + " MiB, MAX_UPLOAD_BYTES); send a shorter or more compressed recording";
    }

    /**
     * True for the exceptions Jetty throws when a request or a multipart part exceeds its
     * configured maximum: an {@link org.eclipse.jetty.http.HttpException} with status 413, or the
     * {@link IllegalStateException} Jetty's multipart parser ({@code org.eclipse.jetty.http.MultiPart*})
     * throws with its size-limit wording ("max file size exceeded: N", "max length exceeded: N"),
     * anywhere in the cause chain (the servlet layer wraps it in a 400 "bad multipart"). Nothing
     * else counts, whatever its message says: an unrelated error that mentions "too large" stays
     * a 500 with its stack trace in the log.
     */
    static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException he && he.getCode() == 413) {
                return true;
            }
            if (t instanceof IllegalStateException && isMultipartLimit(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMultipartLimit(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || !(msg.startsWith("max file size exceeded") || msg.startsWith("max length exceeded"))) {
            return false;
        }
        StackTraceElement[] at = t.getStackTrace();
        return at.length > 0 && at[0].getClassName().startsWith("org.eclipse.jetty.http.MultiPart");
    }

    private static String formatSeconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    /**
     * An error code with its detail.
     *
     * @param error  the code and status
     * @param detail the sentence for the client
     */
    public record Mapped(ApiError error, String detail) {
    }
}
