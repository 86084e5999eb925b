package io.screamguard.training.evaluation;

import io.screamguard.training.dataset.Clip;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Cross-validation splits that keep every recording group on one side.
 *
 * <p>A split is an array giving, for every clip, the index of the fold in which it is held out.
 */
public final class Folds {

    private Folds() {
    }

    /**
     * A named split.
     *
     * @param foldNames a name per fold (e.g. the held-out source)
     * @param foldOfClip for every clip, the fold in which it is held out
     */
    public record Split(List<String> foldNames, int[] foldOfClip) {

        /** Number of folds. */
        public int folds() {
            return foldNames.size();
        }
    }

    /**
     * Group-aware stratified k-fold: whole groups (source + group) are dealt to folds, largest
     * first (ties in a seeded random order), each to the fold where it fills its classes least,
     * so that every fold gets about 1/k of the screams and 1/k of the non-screams.
     *
     * @param clips the clips
     * @param k     folds, from 2 to the number of groups
     * @param seed  seed of the tie-breaking order
     * @return the split
     * @throws IllegalArgumentException when k is out of range, naming the range
     */
    public static Split groupStratifiedKFold(List<Clip> clips, int k, long seed) {
        Map<String, int[]> groupCounts = new LinkedHashMap<>();
        for (Clip clip : clips) {
            groupCounts.computeIfAbsent(clip.groupKey(), g -> new int[2])[clip.label()]++;
        }
        if (k < 2 || k > groupCounts.size()) {
            throw new IllegalArgumentException("--folds must be between 2 and the number of recording groups ("
                    + groupCounts.size() + "), got " + k);
        }
        int[] totals = new int[2];
        groupCounts.values().forEach(c -> {
            totals[0] += c[0];
            totals[1] += c[1];
        });
        List<String> groups = new ArrayList<>(groupCounts.keySet());
        Collections.shuffle(groups, new Random(seed));
        groups.sort(Comparator.comparingInt((String g) -> groupCounts.get(g)[0] + groupCounts.get(g)[1]).reversed());
        double[][] fill = new double[k][2];
        Map<String, Integer> foldOfGroup = new LinkedHashMap<>();
        for (String group : groups) {
            int[] counts = groupCounts.get(group);
            int bestFold = 0;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int f = 0; f < k; f++) {
                double cost = 0;
                for (int c = 0; c < 2; c++) {
                    if (totals[c] > 0) {
                        double after = (fill[f][c] + counts[c]) / totals[c];
                        cost += after * after;
                    }
                }
                // cost of the fold after adding, minus its current cost: prefer the emptiest fold
                double before = 0;
                for (int c = 0; c < 2; c++) {
                    if (totals[c] > 0) {
                        double now = fill[f][c] / totals[c];
                        before += now * now;
                    }
                }
                double increase = cost - before;
                if (increase < bestCost - 1e-12) {
                    bestCost = increase;
                    bestFold = f;
                }
            }
            fill[bestFold][0] += counts[0];
            fill[bestFold][1] += counts[1];
            foldOfGroup.put(group, bestFold);
        }
        int[] foldOfClip = new int[clips.size()];
        for (int i = 0; i < clips.size(); i++) {
            foldOfClip[i] = foldOfGroup.get(clips.get(i).groupKey());
        }
        List<String> names = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            names.add("fold " + (f + 1));
        }
        return new Split(names, foldOfClip);
    }

    /**
     * Leave-one-source-out: fold i holds out every clip of the i-th source (sorted by name).
     *
     * @throws IllegalArgumentException with fewer than two sources
     */
    public static Split leaveOneSourceOut(List<Clip> clips) {
        List<String> sources = clips.stream().map(Clip::source).distinct().sorted().toList();
        if (sources.size() < 2) {
            throw new IllegalArgumentException("leave-one-source-out needs at least two sources, got " + sources);
        }
        int[] foldOfClip = new int[clips.size()];
        for (int i = 0; i < clips.size(); i++) {
            foldOfClip[i] = sources.indexOf(clips.get(i).source());
        }
        return new Split(sources, foldOfClip);
    }
}
