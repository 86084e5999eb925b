package io.screamguard.training.loadgen;

import java.util.Arrays;

/**
 * Summary statistics of a set of latencies, in milliseconds.
 *
 * @param count  number of samples
 * @param meanMs arithmetic mean, 0 when empty
 * @param p50Ms  median (nearest rank), 0 when empty
 * @param p90Ms  90th percentile (nearest rank), 0 when empty
 * @param p99Ms  99th percentile (nearest rank), 0 when empty
 * @param maxMs  maximum, 0 when empty
 */
public record LatencyStats(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    /** Validates the count and the order of the percentiles. */
    public LatencyStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (p50Ms > p90Ms || p90Ms > p99Ms || p99Ms > maxMs) {
            throw new IllegalArgumentException("percentiles must be ordered p50 <= p90 <= p99 <= max, got "
                    + p50Ms + ", " + p90Ms + ", " + p99Ms + ", " + maxMs);
        }
    }

    /**
     * Computes the statistics of latencies given in microseconds.
     *
     * @param micros latencies in microseconds; the array is not modified
     * @param length number of valid entries at the start of {@code micros}
     * @return the statistics in milliseconds
     */
    public static LatencyStats ofMicros(long[] micros, int length) {
        if (length < 0 || length > micros.length) {
            throw new IllegalArgumentException("length must be in [0, " + micros.length + "], got " + length);
        }
        if (length == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(micros, length);
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new LatencyStats(length, sum / length / 1000.0,
                nearestRank(sorted, 50) / 1000.0, nearestRank(sorted, 90) / 1000.0,
                nearestRank(sorted, 99) / 1000.0, sorted[length - 1] / 1000.0);
    }

    /**
     * The nearest-rank percentile: the smallest value such that at least {@code percent} % of the
     * values are at or below it.
     *
     * @param sorted  values in ascending order, not empty
     * @param percent in (0, 100]
     * @return the percentile value
     */
    public static long nearestRank(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("sorted must not be empty");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
