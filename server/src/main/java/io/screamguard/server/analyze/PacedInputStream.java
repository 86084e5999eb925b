package io.screamguard.server.analyze;

import io.screamguard.server.http.ApiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * A request body read under a {@link BodyPace} and a byte cap. After each read it checks the
 * average rate since the first read (once the grace period has passed) and the total; a stall of
 * the connection is ended by the server's idle timeout, which fails the read with a
 * {@link TimeoutException} cause, reported here as 408. An I/O error otherwise (the client closed
 * its side early) is a 400: the body is shorter than it said. Not thread-safe.
 */
final class PacedInputStream extends FilterInputStream {
    private final BodyPace pace;
    private final long maxBytes;
    private final long declaredBytes;
    private final LongSupplier nanoClock;
    private final String tooLargeDetail;
    private long startNanos = -1;
    private long bytes;

    /**
     * @param in             the raw body
     * @param pace           idle timeout (already set on the connection) and minimum rate
     * @param maxBytes       most bytes accepted (413 beyond)
     * @param declaredBytes  the Content-Length, or -1 when chunked
     * @param tooLargeDetail the 413 detail naming the limit
     * @param nanoClock      System::nanoTime, or a test clock
     */
    PacedInputStream(InputStream in, BodyPace pace, long maxBytes, long declaredBytes, String tooLargeDetail,
                     LongSupplier nanoClock) {
        super(in);
        this.pace = pace;
        this.maxBytes = maxBytes;
        this.declaredBytes = declaredBytes;
        this.tooLargeDetail = tooLargeDetail;
        this.nanoClock = nanoClock;
    }

    /** Bytes read so far. */
    long bytesRead() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (startNanos < 0) {
            startNanos = nanoClock.getAsLong();
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw failure(e);
        }
        if (n > 0) {
            bytes += n;
            if (bytes > maxBytes) {
                throw ApiException.tooLarge(tooLargeDetail);
            }
            checkRate();
        }
        return n;
    }

    private void checkRate() {
        if (pace.minBytesPerSecond() == 0) {
            return;
        }
        long elapsedNanos = nanoClock.getAsLong() - startNanos;
        if (elapsedNanos <= pace.grace().toNanos()) {
            return;
        }
        double seconds = elapsedNanos / 1e9;
        double rate = bytes / seconds;
        if (rate < pace.minBytesPerSecond()) {
            throw ApiException.requestTimeout(String.format(Locale.ROOT, "the upload arrived at %.0f bytes/s"
                    + " (%d bytes in %.1f s), slower than the minimum of %d bytes/s (UPLOAD_MIN_BYTES_PER_SECOND):"
                    + " send it over a faster connection or as a smaller file", rate, bytes, seconds,
                    pace.minBytesPerSecond()));
        }
    }

    private RuntimeException failure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return ApiException.requestTimeout("no bytes of the upload arrived for " + pace.idle().toSeconds()
                        + " s (UPLOAD_IDLE_SECONDS) after " + bytes + " bytes: send the whole file without pausing");
            }
        }
        return ApiException.badRequest("the request body ended after " + bytes + " bytes"
                + (declaredBytes >= 0 ? " of the " + declaredBytes + " its Content-Length declares" : "")
                + " (" + e.getClass().getSimpleName() + "): send the whole multipart body");
    }
}
