package io.screamguard.server.listen;

/** The client end of one live stream, as the session sees it (implemented over the WebSocket). */
interface StreamPeer {
    /** Sends a JSON text message without blocking; returns false when it was not sent (closed or backlogged). */
    boolean send(String json);

    /** Closes the connection with a status code and a reason (truncated to fit a close frame). */
    void close(int statusCode, String reason);
}
