package io.screamguard.training.windows;

import io.screamguard.training.dataset.Clip;

/**
 * The analysis windows of one clip.
 *
 * @param clip            the clip
 * @param summaries       the summary vector of every window, in time order
 * @param rms             the RMS of every window's samples (at the analysis rate, in [-1, 1] units)
 * @param durationSeconds the clip's duration
 */
public record ClipWindows(Clip clip, float[][] summaries, double[] rms, double durationSeconds) {

    public ClipWindows {
        if (summaries.length != rms.length) {
            throw new IllegalArgumentException("need one RMS per window, got " + summaries.length + " windows and "
                    + rms.length + " RMS values for " + clip.path());
        }
    }

    /** Number of windows. */
    public int size() {
        return summaries.length;
    }
}
