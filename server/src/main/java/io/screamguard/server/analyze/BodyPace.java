package io.screamguard.server.analyze;

import java.time.Duration;

/**
 * How slowly an upload's body may arrive (UPLOAD_IDLE_SECONDS, UPLOAD_MIN_BYTES_PER_SECOND,
 * UPLOAD_RATE_GRACE_SECONDS). A body that stalls for {@code idle}, or that after {@code grace} has
 * averaged less than {@code minBytesPerSecond}, is refused with 408: a client trickling its body
 * holds a connection and a thread, never an analysis slot.
 *
 * @param idle              longest wait for the next bytes of the body, e.g. 30 s
 * @param minBytesPerSecond lowest average rate from the first byte on, checked once {@code grace} has passed; 0 = no minimum
 * @param grace             time before the rate is checked, e.g. 10 s (a phone on a bad network may start slowly)
 */
public record BodyPace(Duration idle, long minBytesPerSecond, Duration grace) {
    /** 30 s idle, 4 KiB/s after 10 s. */
    public static final BodyPace DEFAULT = new BodyPace(Duration.ofSeconds(30), 4096, Duration.ofSeconds(10));

    public BodyPace {
        if (idle == null || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("UPLOAD_IDLE_SECONDS must be > 0, got " + idle);
        }
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("UPLOAD_MIN_BYTES_PER_SECOND must be >= 0, got " + minBytesPerSecond);
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("UPLOAD_RATE_GRACE_SECONDS must be >= 0, got " + grace);
        }
    }
}
