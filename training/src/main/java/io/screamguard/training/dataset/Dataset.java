package io.screamguard.training.dataset;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labelled clips found under one or more data folders.
 *
 * @param clips    every clip, in a stable order (source, then path)
 * @param licences per source, licence name -> clip count (from the source's {@code manifest.csv}
 *                 when present, else "unknown")
 */
public record Dataset(List<Clip> clips, Map<String, Map<String, Integer>> licences) {

    public Dataset {
        clips = List.copyOf(clips);
        licences = Map.copyOf(licences);
    }

    /** Source names in sorted order. */
    public List<String> sources() {
        return clips.stream().map(Clip::source).distinct().sorted().toList();
    }

    /** Number of scream clips. */
    public int screamCount() {
        return (int) clips.stream().filter(Clip::isScream).count();
    }

    /** Per source: [scream clips, non-scream clips]. */
    public Map<String, int[]> countsBySource() {
        Map<String, int[]> counts = new TreeMap<>();
        for (Clip clip : clips) {
            counts.computeIfAbsent(clip.source(), s -> new int[2])[clip.isScream() ? 0 : 1]++;
        }
        return counts;
    }
}
