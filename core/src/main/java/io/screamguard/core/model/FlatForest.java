package io.screamguard.core.model;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.base.cart.DecisionNode;
import smile.base.cart.InternalNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.classification.RandomForest;

/**
 * A Smile random forest flattened into primitive arrays for scoring (the layout treelite and lleaves
 * compile forests to): every split node of every tree is a feature index, a threshold and two child
 * indices; a child below 0 is a leaf, {@code ~child}, holding the tree's weighted vote for each class.
 * Scoring a summary vector walks the arrays and allocates nothing (Smile's own predict builds a
 * tuple, a row and a posterior per tree).
 *
 * <p>The probability is Smile's, bit for bit: {@code RandomForest.predict(x, posteriori)} adds
 * {@code weight * (count[c] + 1) / (n + 2)} of each tree's leaf in tree order and divides by the sum
 * of both classes; the products are precomputed per leaf (the same double roundings) and added in the
 * same order. A split sends {@code x <= threshold} (and not NaN) to its true child, as Smile's
 * {@code OrdinalNode} does.
 *
 * <p>Built once when a model is loaded or trained (model files are unchanged); immutable and
 * thread-safe.
 */
final class FlatForest {

    /** Summary-vector index each split node tests (already mapped through the model's feature subset). */
    private final int[] feature;
    private final double[] threshold;
    /** The two children of split i at 2i (taken when x <= threshold) and 2i + 1. */
    private final int[] children;
    /** Each leaf's weighted vote for class 0 (non-scream). */
    private final double[] leafNo;
    /** Each leaf's weighted vote for class 1 (scream). */
    private final double[] leafYes;
    /** Each tree's root: a split node index, or {@code ~leaf} for a tree that is a single leaf. */
    private final int[] roots;

    private FlatForest(int[] feature, double[] threshold, int[] children, double[] leafNo, double[] leafYes,
                       int[] roots) {
        this.feature = feature;
        this.threshold = threshold;
        this.children = children;
        this.leafNo = leafNo;
        this.leafYes = leafYes;
        this.roots = roots;
    }

    /**
     * Flattens a two-class forest.
     *
     * @param forest a forest over the predictors {@code f0..f(n-1)}, trained on labels 0 and 1
     * @param used   summary-vector index of each predictor (the model's feature subset), n entries
     * @return the flat forest
     * @throws IllegalArgumentException when the forest has a categorical split or is not two-class
     *     (ScreamModel never trains either)
     */
    static FlatForest flatten(RandomForest forest, int[] used) {
        Builder builder = new Builder(used);
        RandomForest.Model[] models = forest.models();
        int[] roots = new int[models.length];
        for (int t = 0; t < models.length; t++) {
            roots[t] = builder.add(models[t].tree.root(), models[t].weight);
        }
        return builder.build(roots);
    }

    /**
     * The forest's probability of class 1 (scream) for a whole summary vector.
     *
     * @param summary the summary vector, long enough for every feature index the forest tests
     * @return the soft vote for class 1, in [0, 1]
     */
    double screamProbability(float[] summary) {
        double no = 0.0;
        double yes = 0.0;
        int t = 0;
        // four trees walked side by side: their loads and compares overlap instead of waiting on each other
        for (; t + 3 < roots.length; t += 4) {
            int a = roots[t];
            int b = roots[t + 1];
            int c = roots[t + 2];
            int d = roots[t + 3];
            while ((a & b & c & d) >= 0) {
                // a leaf index is negative: go on while any of the four is still at a split
                a = a >= 0 ? step(a, summary) : a;
                b = b >= 0 ? step(b, summary) : b;
                c = c >= 0 ? step(c, summary) : c;
                d = d >= 0 ? step(d, summary) : d;
            }
            // added in tree order, as Smile adds them
            no += leafNo[~a];
            yes += leafYes[~a];
            no += leafNo[~b];
            yes += leafYes[~b];
            no += leafNo[~c];
            yes += leafYes[~c];
            no += leafNo[~d];
            yes += leafYes[~d];
        }
        for (; t < roots.length; t++) {
            int node = roots[t];
            while (node >= 0) {
                node = step(node, summary);
            }
            no += leafNo[~node];
            yes += leafYes[~node];
        }
        return yes / (no + yes);
    }

    /** The child of a split for a vector: the first of its pair when {@code x <= threshold}, else (also NaN) the second. */
    private int step(int node, float[] summary) {
        return children[2 * node + (summary[feature[node]] <= threshold[node] ? 0 : 1)];
    }

    /** @return the number of trees */
    int trees() {
        return roots.length;
    }

    /** @return every threshold the forest tests on a summary-vector index (for tests that probe the splits) */
    double[] thresholdsOn(int summaryIndex) {
        return java.util.stream.IntStream.range(0, feature.length).filter(i -> feature[i] == summaryIndex)
                .mapToDouble(i -> threshold[i]).toArray();
    }

    /** @return the number of split nodes over all trees */
    int splitNodes() {
        return feature.length;
    }

    /** Collects nodes depth first into growable lists. */
    private static final class Builder {
        private static final Field ORDINAL_THRESHOLD = thresholdField();

        private final int[] used;
        private final List<int[]> splits = new ArrayList<>();
        private final List<Double> thresholds = new ArrayList<>();
        private final List<double[]> leaves = new ArrayList<>();

        Builder(int[] used) {
            this.used = used;
        }

        /** Adds a subtree; returns its index (a split) or {@code ~leaf}. */
        int add(Node node, double weight) {
            if (node instanceof DecisionNode leaf) {
                int[] count = leaf.count();
                if (count.length != 2) {
                    throw new IllegalArgumentException("a scream forest has two classes, this leaf has " + count.length);
                }
                double[] posterior = DecisionNode.posteriori(count, new double[2]);
                leaves.add(new double[] {weight * posterior[0], weight * posterior[1]});
                return ~(leaves.size() - 1);
            }
            if (!(node instanceof OrdinalNode split)) {
                throw new IllegalArgumentException("only numeric (ordinal) splits can be flattened, found "
                        + node.getClass().getName() + ": the forest was not trained by ScreamModel");
            }
            int index = splits.size();
            int[] row = {used[split.feature()], 0, 0};
            splits.add(row);
            thresholds.add(threshold(split));
            row[1] = add(((InternalNode) split).trueChild(), weight);
            row[2] = add(((InternalNode) split).falseChild(), weight);
            return index;
        }

        FlatForest build(int[] roots) {
            int n = splits.size();
            int[] feature = new int[n];
            double[] threshold = new double[n];
            int[] children = new int[2 * n];
            for (int i = 0; i < n; i++) {
                feature[i] = splits.get(i)[0];
                children[2 * i] = splits.get(i)[1];
                children[2 * i + 1] = splits.get(i)[2];
                threshold[i] = thresholds.get(i);
            }
            double[] leafNo = new double[leaves.size()];
            double[] leafYes = new double[leaves.size()];
            for (int i = 0; i < leafNo.length; i++) {
                leafNo[i] = leaves.get(i)[0];
                leafYes[i] = leaves.get(i)[1];
            }
            return new FlatForest(feature, threshold, children, leafNo, leafYes, roots);
        }

        /**
         * Smile 3.1.1 keeps an ordinal split's threshold in a package-private field without an
         * accessor; it is read once per node at load time (Smile is on the class path, not a module).
         */
        private static double threshold(OrdinalNode split) {
            try {
                return ORDINAL_THRESHOLD.getDouble(split);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read the split threshold of Smile's OrdinalNode: " + e, e);
            }
        }

        private static Field thresholdField() {
            try {
                Field field = OrdinalNode.class.getDeclaredField("value");
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException | RuntimeException e) {
                throw new IllegalStateException("Smile's OrdinalNode has no readable 'value' field (" + e
                        + "): this Smile version is not the verified 3.1.1; flattening needs updating", e);
            }
        }
    }
}
