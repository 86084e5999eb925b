package io.screamguard.training.streams;

/**
 * How synthetic streams are laid out.
 *
 * @param maxStreamSeconds  a stream ends after about this much audio and the next one starts (the
 *                          detector starts afresh, as after a reconnection), in [10, 7200]
 * @param maxLatencySeconds a scream counts as found when an incident is open at a hop at most this
 *                          long after its onset, in (0, 10]
 * @param seed              seed of the clip order and the scream positions
 */
public record StreamPlan(double maxStreamSeconds, double maxLatencySeconds, long seed) {

    /** Ten-minute streams, found within 1.5 s. */
    public static StreamPlan standard(long seed) {
        return new StreamPlan(600, 1.5, seed);
    }

    public StreamPlan {
        if (!(maxStreamSeconds >= 10 && maxStreamSeconds <= 7200)) {
            throw new IllegalArgumentException("maxStreamSeconds must be in [10, 7200], got " + maxStreamSeconds);
        }
        if (!(maxLatencySeconds > 0 && maxLatencySeconds <= 10)) {
            throw new IllegalArgumentException("maxLatencySeconds must be in (0, 10], got " + maxLatencySeconds);
        }
    }
}
