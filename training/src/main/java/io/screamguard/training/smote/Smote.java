package io.screamguard.training.smote;

import java.util.SplittableRandom;
import smile.neighbor.KDTree;
import smile.neighbor.Neighbor;

/**
 * SMOTE (Chawla et al. 2002): synthetic minority examples on the segments between a minority
 * example and one of its k nearest minority neighbours.
 *
 * <p>Neighbours are searched with Smile's {@link KDTree} in a z-scored copy of the minority
 * examples (so that a feature measured in hertz does not drown one measured in decibels); the
 * synthetic points are interpolated in the original units. Because z-scoring is affine, a point on
 * the segment in one space is on the same segment in the other.
 *
 * <p>Only ever applied to training data; evaluation data is never oversampled. Deterministic for
 * a given seed. Stateless and thread-safe.
 */
public final class Smote {

    private Smote() {
    }

    /**
     * How many synthetic minority examples bring the minority count to {@code ratio} times the
     * majority count.
     *
     * @param minorityCount real minority examples, >= 0
     * @param majorityCount majority examples, >= 0
     * @param ratio         wanted minority/majority ratio after oversampling, in (0, 1]
     * @return the number of synthetic examples to make, 0 when the minority is already big enough
     */
    public static int syntheticCount(int minorityCount, int majorityCount, double ratio) {
        if (minorityCount < 0 || majorityCount < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got minority " + minorityCount
                    + " and majority " + majorityCount);
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("SMOTE ratio must be in (0, 1], got " + ratio);
        }
        long wanted = (long) Math.ceil(ratio * majorityCount);
        return (int) Math.max(0, wanted - minorityCount);
    }

    /**
     * Makes {@code count} synthetic examples from {@code minority}.
     *
     * <p>Every minority example is used as a base in turn (in a seeded random order, round robin),
     * so the synthetic points spread over the whole minority class. Each synthetic point is
     * {@code x + u * (n - x)} with {@code n} drawn uniformly from the k nearest minority neighbours
     * of {@code x} and {@code u} uniform in [0, 1). When {@code k} exceeds the number of other
     * minority examples, all of them are used (the effective k is {@link #effectiveK}); with a
     * single minority example the synthetic points are copies of it.
     *
     * @param minority the real minority examples (rows of equal length), at least one row
     * @param count    how many synthetic examples to make, >= 0
     * @param k        neighbours to choose from, >= 1
     * @param seed     random seed
     * @return {@code count} new rows; the input is not modified
     */
    public static float[][] synthesize(float[][] minority, int count, int k, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("synthetic count must be >= 0, got " + count);
        }
        if (k < 1) {
            throw new IllegalArgumentException("SMOTE k must be >= 1, got " + k);
        }
        if (count == 0) {
            return new float[0][];
        }
        if (minority.length == 0) {
            throw new IllegalArgumentException("SMOTE needs at least one minority example, got none");
        }
        int dims = minority[0].length;
        for (float[] row : minority) {
            if (row.length != dims) {
                throw new IllegalArgumentException("minority rows must all have " + dims
                        + " values, found one with " + row.length);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[count][];
        int kEffective = effectiveK(k, minority.length);
        if (kEffective == 0) {
            for (int i = 0; i < count; i++) {
                out[i] = minority[0].clone();
            }
            return out;
        }
        double[][] keys = standardized(minority);
        KDTree<double[]> tree = KDTree.of(keys);
        int[] order = shuffledIndices(minority.length, random);
        int[][] neighbourCache = new int[minority.length][];
        for (int i = 0; i < count; i++) {
            int base = order[i % order.length];
            if (neighbourCache[base] == null) {
                // the very same array object: the tree then skips the query point itself
                Neighbor<double[], double[]>[] found = tree.search(keys[base], kEffective);
                int[] indices = new int[found.length];
                for (int j = 0; j < found.length; j++) {
                    indices[j] = found[j].index;
                }
                neighbourCache[base] = indices;
            }
            int[] neighbours = neighbourCache[base];
            int neighbour = neighbours[random.nextInt(neighbours.length)];
            out[i] = interpolate(minority[base], minority[neighbour], random.nextDouble());
        }
        return out;
    }

    /**
     * The number of neighbours actually used: {@code min(k, minorityCount - 1)}.
     *
     * @param k             requested neighbours, >= 1
     * @param minorityCount real minority examples
     * @return the effective k, 0 when there is only one minority example
     */
    public static int effectiveK(int k, int minorityCount) {
        return Math.max(0, Math.min(k, minorityCount - 1));
    }

    /** {@code a + gap * (b - a)}, element by element. */
    static float[] interpolate(float[] a, float[] b, double gap) {
        float[] out = new float[a.length];
        for (int d = 0; d < a.length; d++) {
            out[d] = (float) (a[d] + gap * ((double) b[d] - a[d]));
        }
        return out;
    }

    /** Each column shifted to mean 0 and scaled to standard deviation 1 (constant columns to 0). */
    static double[][] standardized(float[][] rows) {
        int n = rows.length;
        int dims = rows[0].length;
        double[] mean = new double[dims];
        double[] sd = new double[dims];
        for (float[] row : rows) {
            for (int d = 0; d < dims; d++) {
                mean[d] += row[d];
            }
        }
        for (int d = 0; d < dims; d++) {
            mean[d] /= n;
        }
        for (float[] row : rows) {
            for (int d = 0; d < dims; d++) {
                double diff = row[d] - mean[d];
                sd[d] += diff * diff;
            }
        }
        for (int d = 0; d < dims; d++) {
            sd[d] = Math.sqrt(sd[d] / n);
        }
        double[][] out = new double[n][dims];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dims; d++) {
                out[i][d] = sd[d] > 0 ? (rows[i][d] - mean[d]) / sd[d] : 0.0;
            }
        }
        return out;
    }

    private static int[] shuffledIndices(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
