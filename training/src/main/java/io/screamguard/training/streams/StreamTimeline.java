package io.screamguard.training.streams;

import io.screamguard.core.detection.ClipAnalysis;
import io.screamguard.core.detection.ClipAnalyzer;
import io.screamguard.core.detection.HopResult;
import java.util.List;

/**
 * A synthetic stream as the detector saw it: every hop's time, probability and RMS (from the same
 * {@link ClipAnalyzer} as {@code detect}), and where the screams were. Keeps no audio, so many
 * can be replayed with other detector settings.
 *
 * @param hopSeconds       audio time at which each window ends
 * @param probability      each window's scream probability (0 for quiet windows)
 * @param rms              each window's RMS
 * @param screams          where the screams are
 * @param nonScreamSeconds seconds of non-scream audio
 * @param durationSeconds  the stream's length
 */
public record StreamTimeline(double[] hopSeconds, double[] probability, double[] rms, List<ScreamMark> screams,
                             double nonScreamSeconds, double durationSeconds) {

    /**
     * Analyses a stream.
     *
     * @param analyzer the analyzer (its model, features, window and loudness gate)
     * @param stream   the stream
     * @return its timeline
     */
    public static StreamTimeline of(ClipAnalyzer analyzer, SyntheticStream stream) {
        ClipAnalysis analysis = analyzer.analyze(stream.samples(), stream.sampleRate());
        List<HopResult> hops = analysis.timeline();
        double[] t = new double[hops.size()];
        double[] p = new double[hops.size()];
        double[] r = new double[hops.size()];
        for (int i = 0; i < hops.size(); i++) {
            t[i] = hops.get(i).tSeconds();
            p[i] = hops.get(i).probability();
            r[i] = hops.get(i).rms();
        }
        return new StreamTimeline(t, p, r, stream.screams(), stream.nonScreamSeconds(), stream.durationSeconds());
    }
}
