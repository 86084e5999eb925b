package io.screamguard.server.listen;

/** WebSocket close codes used by the stream protocol (RFC 6455 section 7.4.1). */
final class CloseCodes {
    /** The client ended normally. */
    static final int NORMAL = 1000;
    /** The data was not acceptable audio (e.g. NaN floats, f32 frames of a partial sample). */
    static final int UNSUPPORTED_DATA = 1003;
    /** The client broke the protocol (bad hello, bad JSON, binary before hello, ...). */
    static final int POLICY_VIOLATION = 1008;
    /** The server failed. */
    static final int SERVER_ERROR = 1011;
    /** Too many streams; retry later. */
    static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }
}
