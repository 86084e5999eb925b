package io.screamguard.server.support;

import io.screamguard.server.scoring.HopScore;
import io.screamguard.server.scoring.IncidentSummary;
import io.screamguard.server.scoring.Scoring;
import io.screamguard.server.scoring.StreamFormat;
import io.screamguard.server.scoring.StreamListener;
import io.screamguard.server.scoring.StreamScorer;
import java.util.ArrayList;
import java.util.List;

/** Audio scored as one stream in one piece, without a server: the hops a paced stream should get. */
public final class OnePiece {
    private OnePiece() {
    }

    /**
     * @param scoring the scorer
     * @param pcm     16 kHz mono s16le audio
     * @return the hops of a stream fed all of it at once (not finished: as a stream still open)
     */
    public static List<HopScore> hops(Scoring scoring, byte[] pcm) {
        List<HopScore> hops = new ArrayList<>();
        StreamScorer s = scoring.openStream(new StreamFormat(16000, StreamFormat.Encoding.S16LE, 1),
                new StreamListener() {
                    @Override
                    public void onHop(HopScore hop) {
                        hops.add(hop);
                    }

                    @Override
                    public void onIncident(IncidentSummary incident) {
                    }
                });
        s.accept(pcm, 0, pcm.length);
        return hops;
    }
}
