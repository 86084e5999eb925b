package io.screamguard.server.analyze;

import io.javalin.http.Context;
import io.screamguard.server.accounts.Caller;
import io.screamguard.server.events.DeviceInfo;
import io.screamguard.server.http.ApiError;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.location.Location;
import java.io.IOException;
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
    /** Uploads being decoded and scored now (MAX_CONCURRENT_UPLOADS): bounds their CPU; bodies are read before. */
    private final java.util.concurrent.Semaphore slots;
    private final int maxConcurrentUploads;
    private final BodyPace pace;
    private final java.nio.file.Path spoolDir;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnalyzeHandler.class);
    /** Retry-After of a 503 busy answer. */
    static final int BUSY_RETRY_AFTER_SECONDS = 2;

    /**
     * @param service        the analysis
     * @param maxUploadBytes MAX_UPLOAD_BYTES
     * @param clientIp       how to find the client's address
     * @param tooLargeDetail the 413 detail naming the limit
     * @param maxConcurrentUploads uploads analysed at once (MAX_CONCURRENT_UPLOADS); more get 503 busy
     * @param pace           how slowly a body may arrive (408 when slower)
     * @param spoolDir       where upload files wait for their analysis (DATA_DIR/uploads): created,
     *                       and emptied of the files a killed process left behind
     * @throws java.io.UncheckedIOException when the directory cannot be created or cleaned
     */
    public AnalyzeHandler(AnalyzeService service, long maxUploadBytes, Function<Context, String> clientIp,
                          String tooLargeDetail, int maxConcurrentUploads, BodyPace pace, java.nio.file.Path spoolDir) {
        if (maxConcurrentUploads < 1) {
            throw new IllegalArgumentException("maxConcurrentUploads must be >= 1, got " + maxConcurrentUploads);
        }
        this.service = service;
        this.maxUploadBytes = maxUploadBytes;
        this.clientIp = clientIp;
        this.tooLargeDetail = tooLargeDetail;
        this.maxConcurrentUploads = maxConcurrentUploads;
        this.pace = java.util.Objects.requireNonNull(pace, "pace");
        this.spoolDir = spoolDir;
        int removed = 0;
        try {
            java.nio.file.Files.createDirectories(spoolDir);
            try (java.nio.file.DirectoryStream<java.nio.file.Path> leftovers =
                         java.nio.file.Files.newDirectoryStream(spoolDir, MultipartForm.SPOOL_PREFIX + "*.audio")) {
                for (java.nio.file.Path leftover : leftovers) {
                    java.nio.file.Files.deleteIfExists(leftover);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare the upload spool directory " + spoolDir
                    + " (" + e.getMessage() + "): check that DATA_DIR is writable", e);
        }
        if (removed > 0) {
            LOG.info("deleted {} upload file(s) a previous run left in {}", removed, spoolDir);
        }
        this.slots = new java.util.concurrent.Semaphore(maxConcurrentUploads);
    }

    /**
     * Handles one request: reads the body under the {@link BodyPace} into a spooled file without
     * holding a slot, then takes an analysis slot (503 busy with Retry-After when
     * MAX_CONCURRENT_UPLOADS are being analysed) only for the analysis itself.
     */
    public void handle(Context ctx) throws Exception {
        try (UploadForm form = readForm(ctx)) {
            UploadRequest request = request(ctx, form);
            if (!slots.tryAcquire()) {
                service.countOutcome("busy");
                throw ApiException.busy("the server is analysing its limit of " + maxConcurrentUploads
                        + " uploads at once (MAX_CONCURRENT_UPLOADS); retry in " + BUSY_RETRY_AFTER_SECONDS + " s",
                        BUSY_RETRY_AFTER_SECONDS);
            }
            try {
                ctx.json(service.analyze(request));
            } catch (OutOfMemoryError e) {
                service.countOutcome("insufficient_memory");
                LOG.warn("upload {} ({} bytes) ran the server out of memory: {}; answered 503", request.fileName(),
                        form.fileBytes(), e.toString());
                throw ApiException.insufficientMemory("the server ran short of memory analysing this upload (the"
                        + " file is not at fault): retry in " + BUSY_RETRY_AFTER_SECONDS + " s", BUSY_RETRY_AFTER_SECONDS);
            } finally {
                slots.release();
            }
        } catch (ApiException e) {
            int status = e.error().status();
            if (status == 400 || status == 408 || status == 413) {
                // the rest of the body may be unread: the connection cannot carry another request, and
                // saying so keeps a client from sending its next request on a connection being closed
                ctx.header("Connection", "close");
                service.countOutcome(e.error() == ApiError.PAYLOAD_TOO_LARGE ? "too_large"
                        : e.error() == ApiError.REQUEST_TIMEOUT ? "timeout" : "bad_request");
                LOG.info("upload refused from {}: {} {}: {}", clientIp.apply(ctx), status, e.error().code(),
                        e.getMessage());
            }
            throw e;
        }
    }

    /** Reads the multipart body (no slot held): 400 / 408 / 413 on a bad, slow or large body. */
    private UploadForm readForm(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        long maxBody = maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
        if (declared > maxBody) {
            throw ApiException.tooLarge(tooLargeDetail);
        }
        String boundary = MultipartForm.boundary(ctx.contentType());
        org.eclipse.jetty.io.EndPoint endPoint = endPoint(ctx);
        long idleBefore = endPoint == null ? -1 : endPoint.getIdleTimeout();
        if (endPoint != null) {
            // ends a stalled body after UPLOAD_IDLE_SECONDS: the connection's idle timeout fails the blocked read
            endPoint.setIdleTimeout(pace.idle().toMillis());
        }
        try {
            PacedInputStream body = new PacedInputStream(ctx.req().getInputStream(), pace, maxBody, declared,
                    tooLargeDetail, System::nanoTime);
            return MultipartForm.read(body, boundary, maxUploadBytes, tooLargeDetail, spoolDir);
        } finally {
            if (endPoint != null) {
                endPoint.setIdleTimeout(idleBefore);
            }
        }
    }

    /** The connection's end point, to time out a stalled body; null outside Jetty. */
    private static org.eclipse.jetty.io.EndPoint endPoint(Context ctx) {
        org.eclipse.jetty.ee10.servlet.ServletContextRequest request =
                org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req());
        return request == null ? null : request.getConnectionMetaData().getConnection().getEndPoint();
    }

    private UploadRequest request(Context ctx, UploadForm form) {
        io.screamguard.server.accounts.Account caller = Caller.of(ctx);
        DeviceInfo device = new DeviceInfo(ctx.userAgent(), clientIp.apply(ctx), ctx.header("Accept-Language"));
        return new UploadRequest(form.fileName(), form.file(), browserLocation(form::field), device, caller.id(),
                caller.email(), alertRequested(form.field("alert")));
    }

    /** The form field {@code alert}: true/false (absent = false). */
    static boolean alertRequested(String value) {
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        throw ApiException.badRequest("alert must be true or false, got '" + MultipartForm.printable(value, 40) + "'");
    }

    static Optional<Location> browserLocation(Function<String, String> fields) {
        Double lat = number(fields, "latitude");
        Double lon = number(fields, "longitude");
        Double acc = number(fields, "accuracy");
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

    private static Double number(Function<String, String> fields, String field) {
        String text = fields.apply(field);
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
            throw ApiException.badRequest(field + " must be a number, got '" + MultipartForm.printable(text, 40) + "'");
        }
    }
}
