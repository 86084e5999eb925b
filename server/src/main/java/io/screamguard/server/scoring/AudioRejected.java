package io.screamguard.server.scoring;

/** An upload the server cannot analyse; the {@link Reason} decides the HTTP status. */
public final class AudioRejected extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the audio was refused. */
    public enum Reason {
        /** No bytes (422). */
        EMPTY,
        /** Not a format the decoder knows (415). */
        UNSUPPORTED_FORMAT,
        /** File larger than MAX_UPLOAD_BYTES (413). */
        TOO_LARGE,
        /** Audio longer than MAX_UPLOAD_SECONDS (413). */
        TOO_LONG,
        /** Cut short (422). */
        TRUNCATED,
        /** Recognised but undecodable (422). */
        CORRUPT
    }

    private final Reason reason;
    private final String detectedFormat;

    /**
     * @param reason         why
     * @param detectedFormat what the bytes looked like, "unknown" when nothing matched
     * @param message        a sentence for the client naming the value and the limit or expectation
     */
    public AudioRejected(Reason reason, String detectedFormat, String message) {
        super(message);
        this.reason = reason;
        this.detectedFormat = detectedFormat == null ? "unknown" : detectedFormat;
    }

    /** Why the audio was refused. */
    public Reason reason() {
        return reason;
    }

    /** The detected format, "unknown" when nothing matched. */
    public String detectedFormat() {
        return detectedFormat;
    }
}
