package io.screamguard.server.analyze;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.screamguard.server.accounts.Caller;
import io.screamguard.server.events.DeviceInfo;
import io.screamguard.server.http.ApiError;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.location.Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /api/analyze}: multipart {@code file} (+ optional {@code latitude},
 * {@code longitude}, {@code accuracy}). The event's owner is the signed-in account, never a value
 * the client sends. Thin: parses and validates, calls {@link AnalyzeService}, returns its result as JSON.
 */
public final class AnalyzeHandler {
    /** Room for the multipart framing and the small form fields around the file. */
    public static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;

    private final AnalyzeService service;
    private final long maxUploadBytes;
    private final Function<Context, String> clientIp;
    private final String tooLargeDetail;
    /** Uploads being read, decoded and scored now (MAX_CONCURRENT_UPLOADS): bounds their memory. */
    private final java.util.concurrent.Semaphore slots;
    private final int maxConcurrentUploads;
    /** Retry-After of a 503 busy answer. */
    static final int BUSY_RETRY_AFTER_SECONDS = 2;

    /**
     * @param service        the analysis
     * @param maxUploadBytes MAX_UPLOAD_BYTES
     * @param clientIp       how to find the client's address
     * @param tooLargeDetail the 413 detail naming the limit
     * @param maxConcurrentUploads uploads analysed at once (MAX_CONCURRENT_UPLOADS); more get 503 busy
     */
    public AnalyzeHandler(AnalyzeService service, long maxUploadBytes, Function<Context, String> clientIp,
                          String tooLargeDetail, int maxConcurrentUploads) {
        if (maxConcurrentUploads < 1) {
            throw new IllegalArgumentException("maxConcurrentUploads must be >= 1, got " + maxConcurrentUploads);
        }
        this.service = service;
        this.maxUploadBytes = maxUploadBytes;
        this.clientIp = clientIp;
        this.tooLargeDetail = tooLargeDetail;
        this.maxConcurrentUploads = maxConcurrentUploads;
        this.slots = new java.util.concurrent.Semaphore(maxConcurrentUploads);
    }

    /** Handles one request; answers 503 busy (with Retry-After) when MAX_CONCURRENT_UPLOADS are in progress. */
    public void handle(Context ctx) throws Exception {
        if (!slots.tryAcquire()) {
            service.countOutcome("busy");
            throw ApiException.busy("the server is analysing its limit of " + maxConcurrentUploads
                    + " uploads at once (MAX_CONCURRENT_UPLOADS); retry in " + BUSY_RETRY_AFTER_SECONDS + " s",
                    BUSY_RETRY_AFTER_SECONDS);
        }
        try {
            ctx.json(service.analyze(parse(ctx)));
        } catch (ApiException e) {
            service.countOutcome(e.error() == ApiError.PAYLOAD_TOO_LARGE ? "too_large" : "bad_request");
            throw e;
        } finally {
            slots.release();
        }
    }

    private UploadRequest parse(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
            throw ApiException.tooLarge(tooLargeDetail);
        }
        if (!ctx.isMultipartFormData()) {
            throw ApiException.badRequest("send the recording as multipart/form-data with a part named 'file', got Content-Type "
                    + (ctx.contentType() == null ? "none" : "'" + ctx.contentType() + "'"));
        }
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) {
            throw ApiException.badRequest("the multipart part 'file' is missing; attach the recording as 'file'");
        }
        if (file.size() > maxUploadBytes) {
            throw ApiException.tooLarge(tooLargeDetail);
        }
        byte[] audio;
        try (InputStream in = file.content()) {
            audio = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUploadBytes + 1));
        }
        if (audio.length > maxUploadBytes) {
            throw ApiException.tooLarge(tooLargeDetail);
        }
        io.screamguard.server.accounts.Account caller = Caller.of(ctx);
        DeviceInfo device = new DeviceInfo(ctx.userAgent(), clientIp.apply(ctx), ctx.header("Accept-Language"));
        return new UploadRequest(file.filename(), audio, browserLocation(ctx), device, caller.id(), caller.email(),
                alertRequested(ctx.formParam("alert")));
    }

    /** The form field {@code alert}: true/false (absent = false). */
    static boolean alertRequested(String value) {
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        throw ApiException.badRequest("alert must be true or false, got '" + value + "'");
    }

    static Optional<Location> browserLocation(Context ctx) {
        Double lat = number(ctx, "latitude");
        Double lon = number(ctx, "longitude");
        Double acc = number(ctx, "accuracy");
        if (lat == null && lon == null) {
            if (acc != null) {
                throw ApiException.badRequest("accuracy was sent without latitude and longitude");
            }
            return Optional.empty();
        }
        if (lat == null || lon == null) {
            throw ApiException.badRequest("send latitude and longitude together, got latitude=" + lat + " longitude=" + lon);
        }
        try {
            return Optional.of(Location.fromBrowser(lat, lon, acc));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static Double number(Context ctx, String field) {
        String text = ctx.formParam(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException("not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field + " must be a number, got '" + text + "'");
        }
    }
}
