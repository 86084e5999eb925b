package io.screamguard.training.streams;

import io.screamguard.core.detection.DetectorConfig;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the live detector's k-of-n debounce from stream figures at a given threshold: among the
 * candidates whose false incidents per hour are at most the target, the one that finds the most
 * screams within the latency limit (ties: fewer false incidents, then the smaller n); when none
 * meets the target, the one with the fewest false incidents per hour (ties: more screams found).
 */
public final class DebounceChoice {

    /** The k-of-n settings tried, as {k, n}. */
    public static final List<int[]> CANDIDATES = List.of(new int[] {1, 1}, new int[] {1, 2}, new int[] {2, 2},
            new int[] {2, 3}, new int[] {2, 4}, new int[] {3, 3}, new int[] {3, 4}, new int[] {3, 5}, new int[] {4, 5});

    private DebounceChoice() {
    }

    /**
     * The figures of every candidate at the base setting's threshold and gate.
     *
     * @param timelines         analysed streams
     * @param base              threshold and gate (its debounce is replaced)
     * @param sampleRateHz      analysis rate
     * @param windowSamples     window length in samples
     * @param maxLatencySeconds latency limit of a found scream
     * @return one figure per candidate, in {@link #CANDIDATES} order
     */
    public static List<StreamFigures> tryAll(List<StreamTimeline> timelines, DetectorConfig base, int sampleRateHz,
                                             int windowSamples, double maxLatencySeconds) {
        return CANDIDATES.stream()
                .map(kn -> StreamFigures.replay(timelines, base.withDebounce(kn[0], kn[1]), sampleRateHz,
                        windowSamples, maxLatencySeconds))
                .toList();
    }

    /**
     * The rule above.
     *
     * @param figures              figures of the candidates (non-empty)
     * @param maxFalsePerHour      the target, e.g. 1.0
     * @return the chosen figures
     */
    public static StreamFigures choose(List<StreamFigures> figures, double maxFalsePerHour) {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no debounce candidate to choose from");
        }
        Comparator<StreamFigures> byN = Comparator.comparingInt(f -> f.config().debounceN());
        List<StreamFigures> meeting = figures.stream().filter(f -> f.falsePerHour() <= maxFalsePerHour).toList();
        if (!meeting.isEmpty()) {
            return meeting.stream().min(Comparator.comparingInt((StreamFigures f) -> -f.found())
                    .thenComparingDouble(StreamFigures::falsePerHour).thenComparing(byN)).orElseThrow();
        }
        return figures.stream().min(Comparator.comparingDouble(StreamFigures::falsePerHour)
                .thenComparingInt(f -> -f.found()).thenComparing(byN)).orElseThrow();
    }
}
