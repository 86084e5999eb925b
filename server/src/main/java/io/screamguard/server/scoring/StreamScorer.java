package io.screamguard.server.scoring;

/** Scores one live stream incrementally. Not thread-safe: feed it from one thread at a time. */
public interface StreamScorer {
    /**
     * Feeds raw PCM bytes in the stream's format; a partial frame is kept for the next call.
     *
     * @throws IllegalArgumentException when the data is not valid audio (e.g. NaN floats)
     */
    void accept(byte[] data, int offset, int length);

    /**
     * Skips whole frames of audio that were dropped (overload), keeping stream time: later windows
     * are timed as if the frames had been heard. Only between whole frames (no partial frame pending).
     *
     * @param frames sample frames (one sample of every channel) skipped
     */
    void skipFrames(long frames);

    /** Ends the stream: reports an incident still open; no further calls follow. */
    void finish();
}
