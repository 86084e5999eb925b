package io.screamguard.server.scoring;

/**
 * The result of one hop of a live stream.
 *
 * @param endSeconds  end of the scored window in stream audio time
 * @param probability scream probability in [0, 1] (0 when quiet)
 * @param rms         linear RMS of the window
 * @param state       detector state after this window: "quiet" (below the loudness gate, not scored), "below"
 *                    or "above" the threshold, or "incident" (inside a confirmed incident)
 * @param features    the window's summary vector (kept only for the peak; may be empty)
 */
public record HopScore(double endSeconds, double probability, double rms, String state, float[] features) {
}
