package io.screamguard.server.scoring;

/** Scores one live stream incrementally. Not thread-safe: feed it from one thread at a time. */
public interface StreamScorer {
    /**
     * Feeds raw PCM bytes in the stream's format; a partial frame is kept for the next call.
     *
     * @throws IllegalArgumentException when the data is not valid audio (e.g. NaN floats)
     */
    void accept(byte[] data, int offset, int length);

    /** Ends the stream: reports an incident still open; no further calls follow. */
    void finish();
}
