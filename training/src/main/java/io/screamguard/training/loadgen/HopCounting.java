package io.screamguard.training.loadgen;

/** Pure functions that relate audio sent to the hop messages a server should answer with. */
final class HopCounting {

    private HopCounting() {
    }

    /**
     * Number of windows that end within the audio sent, allowing for the server's resampler
     * look-ahead: windows end at {@code window, window + hop, window + 2 hop, ...} seconds.
     *
     * @param sentSeconds      audio seconds sent on the stream
     * @param windowSeconds    window length, &gt; 0
     * @param hopSeconds       hop, &gt; 0
     * @param lookaheadSeconds audio the server may need beyond a window's end before deciding, &gt;= 0
     * @return windows expected, &gt;= 0
     */
    static long expectedHops(double sentSeconds, double windowSeconds, double hopSeconds, double lookaheadSeconds) {
        if (!(windowSeconds > 0) || !(hopSeconds > 0) || !(lookaheadSeconds >= 0)) {
            throw new IllegalArgumentException("windowSeconds and hopSeconds must be > 0 and lookaheadSeconds >= 0, got "
                    + windowSeconds + ", " + hopSeconds + ", " + lookaheadSeconds);
        }
        double usable = sentSeconds - lookaheadSeconds - windowSeconds;
        if (usable < -1e-9) {
            return 0;
        }
        return (long) Math.floor(usable / hopSeconds + 1e-9) + 1;
    }

    /**
     * Index of the frame that holds the last sample of a window ending at {@code tSeconds}.
     *
     * @param tSeconds     window end in stream audio time
     * @param sampleRateHz rate of the stream
     * @param frameSamples samples per frame sent
     * @return frame index, &gt;= 0
     */
    static int frameOfWindowEnd(double tSeconds, int sampleRateHz, int frameSamples) {
        long lastSample = Math.max(0L, Math.round(tSeconds * sampleRateHz) - 1);
        return (int) (lastSample / frameSamples);
    }
}
