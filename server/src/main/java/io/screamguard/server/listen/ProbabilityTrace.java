package io.screamguard.server.listen;

import io.screamguard.server.alert.TracePoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent hop probabilities of one stream (the last {@code keepSeconds} of stream time), from
 * which the trace around an incident is cut. A few hundred small entries at most. Not thread-safe:
 * used on the stream's scoring thread only.
 */
final class ProbabilityTrace {
    private record Hop(double endSeconds, double probability) {
    }

    private final double keepSeconds;
    private final ArrayDeque<Hop> hops = new ArrayDeque<>();

    /** @param keepSeconds stream seconds of hops kept, > 0 (40 = 30 s before an incident + 10 s after) */
    ProbabilityTrace(double keepSeconds) {
        if (!(keepSeconds > 0)) {
            throw new IllegalArgumentException("keepSeconds must be > 0, got " + keepSeconds);
        }
        this.keepSeconds = keepSeconds;
    }

    /** Adds a hop (in time order) and forgets hops older than the window. */
    void add(double endSeconds, double probability) {
        hops.addLast(new Hop(endSeconds, Math.min(1, Math.max(0, probability))));
        while (!hops.isEmpty() && hops.peekFirst().endSeconds() < endSeconds - keepSeconds) {
            hops.removeFirst();
        }
    }

    /** The hops ending in [at - beforeSeconds, at + afterSeconds], as seconds relative to {@code at}. */
    List<TracePoint> around(double at, double beforeSeconds, double afterSeconds) {
        List<TracePoint> out = new ArrayList<>();
        for (Hop h : hops) {
            if (h.endSeconds() >= at - beforeSeconds && h.endSeconds() <= at + afterSeconds) {
                out.add(new TracePoint(h.endSeconds() - at, h.probability()));
            }
        }
        return out;
    }
}
