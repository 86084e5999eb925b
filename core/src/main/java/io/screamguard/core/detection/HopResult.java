package io.screamguard.core.detection;

/**
 * The detector's view of one window (one hop of a live stream, one timeline point of a clip).
 *
 * @param tSeconds    audio time at which the window ends, i.e. the time of the newest sample the
 *                    decision depends on; a client's decision latency is measured against it
 * @param probability scream probability of the window in [0, 1]; 0 for quiet windows, which are
 *                    not scored
 * @param rms         RMS of the window's samples (in [-1, 1] units) at the analysis rate
 * @param state       what the detector made of the window
 */
public record HopResult(double tSeconds, double probability, double rms, WindowState state) {

    /** Validates the fields, naming the bad value. */
    public HopResult {
        if (!(tSeconds >= 0.0) || Double.isInfinite(tSeconds)) {
            throw new IllegalArgumentException("tSeconds must be finite and >= 0, got " + tSeconds);
        }
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        if (!(rms >= 0.0) || Double.isInfinite(rms)) {
            throw new IllegalArgumentException("rms must be finite and >= 0, got " + rms);
        }
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
    }
}
