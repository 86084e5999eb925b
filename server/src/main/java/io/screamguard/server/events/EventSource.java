package io.screamguard.server.events;

/**
 * Where the audio of an event came from.
 *
 * @param kind      "upload" or "live"
 * @param name      uploaded file name (upload only)
 * @param format    detected format, e.g. "wav" (upload), or the stream's "48000 Hz s16le x1" (live)
 * @param sessionId live session id (live only)
 */
public record EventSource(String kind, String name, String format, String sessionId) {
    /** An uploaded file. */
    public static EventSource upload(String name, String format) {
        return new EventSource("upload", name, format, null);
    }

    /** A live stream. */
    public static EventSource live(String sessionId, String format) {
        return new EventSource("live", null, format, sessionId);
    }
}
