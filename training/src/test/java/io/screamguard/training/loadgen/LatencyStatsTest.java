package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentiles_of_one_to_a_hundred_milliseconds_are_the_nearest_ranks() {
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = (100 - i) * 1000L; // descending: the statistics must sort
        }

        var stats = LatencyStats.ofMicros(micros, 100);

        assertEquals(100, stats.count());
        assertEquals(50.0, stats.p50Ms());
        assertEquals(90.0, stats.p90Ms());
        assertEquals(99.0, stats.p99Ms());
        assertEquals(100.0, stats.maxMs());
        assertEquals(50.5, stats.meanMs(), 1e-9);
        assertEquals(1000L, micros[99], "the input is not modified");
    }

    @Test
    void only_the_first_length_entries_count() {
        long[] micros = {3000, 1000, 2000, 999_000};

        var stats = LatencyStats.ofMicros(micros, 3);

        assertEquals(3, stats.count());
        assertEquals(2.0, stats.p50Ms());
        assertEquals(3.0, stats.p99Ms());
        assertEquals(3.0, stats.maxMs());
    }

    @Test
    void a_single_slow_value_in_a_hundred_sets_the_max_but_not_the_p99() {
        long[] micros = new long[100];
        java.util.Arrays.fill(micros, 10_000);
        micros[42] = 900_000;

        var stats = LatencyStats.ofMicros(micros, 100);

        assertEquals(10.0, stats.p99Ms());
        assertEquals(900.0, stats.maxMs());
    }

    @Test
    void no_samples_give_zeros() {
        var stats = LatencyStats.ofMicros(new long[0], 0);

        assertEquals(new LatencyStats(0, 0, 0, 0, 0, 0), stats);
    }

    @Test
    void nearest_rank_of_small_sets() {
        long[] sorted = {5, 7};

        assertEquals(5, LatencyStats.nearestRank(sorted, 50));
        assertEquals(7, LatencyStats.nearestRank(sorted, 51));
        assertEquals(7, LatencyStats.nearestRank(sorted, 100));
        assertEquals(5, LatencyStats.nearestRank(sorted, 0.001));
        assertArrayEquals(new long[] {5, 7}, sorted);
    }

    @Test
    void rejects_a_percent_outside_zero_to_a_hundred() {
        var error = assertThrows(IllegalArgumentException.class, () -> LatencyStats.nearestRank(new long[] {1}, 101));
        assertEquals("percent must be in (0, 100], got 101.0", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.ofMicros(new long[2], 3));
    }
}
