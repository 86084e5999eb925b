package io.screamguard.server.listen;

/** WebSocket close codes used by the stream protocol (RFC 6455 section 7.4.1). */
final class CloseCodes {
    /** The client ended normally. */
    static final int NORMAL = 1000;
    /** The server is shutting down (a graceful stop); reconnect to another instance or later. */
    static final int GOING_AWAY = 1001;
    /** The data was not acceptable audio (e.g. NaN floats, f32 frames of a partial sample). */
    static final int UNSUPPORTED_DATA = 1003;
    /**
     * The client broke the protocol (bad hello, bad JSON, binary before hello, ...), or held a
     * stream slot idle: no hello within STREAM_HELLO_TIMEOUT_SECONDS, no audio for STREAM_IDLE_TIMEOUT_SECONDS.
     */
    static final int POLICY_VIOLATION = 1008;
    /** The server failed. */
    static final int SERVER_ERROR = 1011;
    /** Too many streams; retry later. */
    static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }
}
