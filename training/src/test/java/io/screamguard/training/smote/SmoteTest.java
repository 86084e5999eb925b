package io.screamguard.training.smote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SmoteTest {

    private static float[][] randomPoints(int n, int dims, long seed) {
        Random random = new Random(seed);
        float[][] points = new float[n][dims];
        for (float[] p : points) {
            for (int d = 0; d < dims; d++) {
                // columns on very different scales, as real features are
                p[d] = (float) (random.nextGaussian() * Math.pow(10, d));
            }
        }
        return points;
    }

    /** Brute-force k nearest neighbours of point i in the standardized space, excluding i. */
    private static int[] bruteForceNeighbours(double[][] keys, int i, int k) {
        return IntStream.range(0, keys.length).filter(j -> j != i).boxed()
                .sorted(Comparator.comparingDouble(j -> distance(keys[i], keys[j])))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (a[d] - b[d]) * (a[d] - b[d]);
        }
        return Math.sqrt(sum);
    }

    /** Whether s = a + u (b - a) for some u in [0, 1], within float rounding. */
    private static boolean onSegment(float[] s, float[] a, float[] b) {
        double u = Double.NaN;
        for (int d = 0; d < a.length; d++) {
            double span = (double) b[d] - a[d];
            if (Math.abs(span) > 1e-3 * (1 + Math.abs(a[d]))) {
                u = (s[d] - a[d]) / span;
                break;
            }
        }
        if (Double.isNaN(u)) {
            return Arrays.equals(s, a);
        }
        if (u < -1e-4 || u > 1 + 1e-4) {
            return false;
        }
        for (int d = 0; d < a.length; d++) {
            double expected = a[d] + u * ((double) b[d] - a[d]);
            if (Math.abs(s[d] - expected) > 1e-3 * (1 + Math.abs(expected))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void every_synthetic_point_lies_between_a_minority_point_and_one_of_its_k_nearest_neighbours() {
        float[][] minority = randomPoints(40, 3, 1);
        int k = 5;
        double[][] keys = Smote.standardized(minority);

        float[][] synthetic = Smote.synthesize(minority, 200, k, 42);

        for (float[] s : synthetic) {
            boolean found = false;
            for (int i = 0; i < minority.length && !found; i++) {
                for (int j : bruteForceNeighbours(keys, i, k)) {
                    if (onSegment(s, minority[i], minority[j])) {
                        found = true;
                        break;
                    }
                }
            }
            assertTrue(found, "synthetic point " + Arrays.toString(s) + " is on no neighbour segment");
        }
    }

    @Test
    void a_synthetic_point_is_never_placed_towards_a_point_outside_the_k_nearest() {
        // two tight clusters far apart: with k = 2 no segment may cross between the clusters
        float[][] minority = {
                {0, 0}, {0.1f, 0}, {0, 0.1f},
                {100, 100}, {100.1f, 100}, {100, 100.1f}};

        float[][] synthetic = Smote.synthesize(minority, 300, 2, 7);

        for (float[] s : synthetic) {
            boolean nearFirst = s[0] <= 0.11f && s[1] <= 0.11f;
            boolean nearSecond = s[0] >= 99.99f && s[1] >= 99.99f;
            assertTrue(nearFirst || nearSecond, "point crosses clusters: " + Arrays.toString(s));
        }
    }

    @Test
    void makes_exactly_the_requested_number_of_points() {
        float[][] minority = randomPoints(10, 4, 2);

        assertEquals(0, Smote.synthesize(minority, 0, 3, 1).length);
        assertEquals(7, Smote.synthesize(minority, 7, 3, 1).length);
        assertEquals(95, Smote.synthesize(minority, 95, 3, 1).length);
    }

    @Test
    void synthetic_count_brings_the_minority_to_the_requested_ratio() {
        assertEquals(90, Smote.syntheticCount(10, 100, 1.0));
        assertEquals(40, Smote.syntheticCount(10, 100, 0.5));
        assertEquals(0, Smote.syntheticCount(80, 100, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Smote.syntheticCount(1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> Smote.syntheticCount(1, 10, 1.5));
    }

    @Test
    void the_same_seed_gives_the_same_points_and_another_seed_different_ones() {
        float[][] minority = randomPoints(30, 3, 3);

        float[][] first = Smote.synthesize(minority, 50, 5, 99);
        float[][] second = Smote.synthesize(minority, 50, 5, 99);
        float[][] other = Smote.synthesize(minority, 50, 5, 100);

        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i]);
        }
        assertFalse(Arrays.deepEquals(first, other));
    }

    @Test
    void a_k_larger_than_the_minority_uses_every_other_minority_point() {
        float[][] minority = {{0, 0}, {1, 0}, {0, 1}};

        float[][] synthetic = Smote.synthesize(minority, 60, 10, 5);

        assertEquals(2, Smote.effectiveK(10, 3));
        assertEquals(60, synthetic.length);
        for (float[] s : synthetic) {
            // inside the triangle's edges: x, y >= 0 and x + y <= 1
            assertTrue(s[0] >= -1e-6 && s[1] >= -1e-6 && s[0] + s[1] <= 1 + 1e-6, Arrays.toString(s));
        }
    }

    @Test
    void a_single_minority_point_is_copied() {
        float[][] minority = {{3, 4}};

        float[][] synthetic = Smote.synthesize(minority, 4, 5, 1);

        for (float[] s : synthetic) {
            assertArrayEquals(new float[] {3, 4}, s);
        }
    }

    @Test
    void rejects_a_k_below_one_and_an_empty_minority() {
        float[][] minority = randomPoints(5, 2, 4);

        IllegalArgumentException badK = assertThrows(IllegalArgumentException.class,
                () -> Smote.synthesize(minority, 3, 0, 1));
        assertTrue(badK.getMessage().contains("got 0"));
        assertThrows(IllegalArgumentException.class, () -> Smote.synthesize(new float[0][], 3, 2, 1));
    }
}
