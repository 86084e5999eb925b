package io.screamguard.server.events;

/**
 * Where the audio of an event came from.
 *
 * @param kind      "upload" or "live"
 * @param name      uploaded file name (upload only), truncated to {@value #MAX_NAME_CHARS} characters
 * @param format    detected format, e.g. "wav" (upload), or the stream's "48000 Hz s16le x1" (live)
 * @param sessionId live session id (live only)
 */
public record EventSource(String kind, String name, String format, String sessionId) {
    /** Longest stored file name (client-sent; longer ones are truncated, as user agents are). */
    public static final int MAX_NAME_CHARS = 255;

    public EventSource {
        name = DeviceInfo.truncate(name, MAX_NAME_CHARS);
    }

    /** An uploaded file. */
    public static EventSource upload(String name, String format) {
        return new EventSource("upload", name, format, null);
    }

    /** A live stream. */
    public static EventSource live(String sessionId, String format) {
        return new EventSource("live", null, format, sessionId);
    }
}
