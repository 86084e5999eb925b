package io.screamguard.core.detection;

/**
 * A stretch of audio the detector judged to contain screaming.
 *
 * @param startSeconds    audio time where the first hot window of the incident starts, &gt;= 0
 * @param endSeconds      audio time where the last hot window of the incident ends, &gt;= start
 * @param peakProbability highest scream probability of a window in the incident, in [0, 1]
 * @param windows         number of hot windows (probability at or above the threshold) in it, &gt;= 1
 */
public record Incident(double startSeconds, double endSeconds, double peakProbability, int windows) {

    /** Validates the times, the probability and the count, naming the bad value. */
    public Incident {
        if (!(startSeconds >= 0.0) || Double.isInfinite(startSeconds)) {
            throw new IllegalArgumentException("startSeconds must be finite and >= 0, got " + startSeconds);
        }
        if (!(endSeconds >= startSeconds) || Double.isInfinite(endSeconds)) {
            throw new IllegalArgumentException("endSeconds must be finite and >= startSeconds="
                    + startSeconds + ", got " + endSeconds);
        }
        if (!(peakProbability >= 0.0 && peakProbability <= 1.0)) {
            throw new IllegalArgumentException("peakProbability must be in [0, 1], got " + peakProbability);
        }
        if (windows < 1) {
            throw new IllegalArgumentException("windows must be >= 1, got " + windows);
        }
    }

    /** @return {@code endSeconds - startSeconds} */
    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
