package io.screamguard.core.audio;

import java.util.Objects;

/**
 * The one exception {@link AudioDecoder} lets escape: the input could not be turned into samples.
 *
 * <p>The {@link Kind} says what went wrong so callers can map it (the server answers
 * {@code UNSUPPORTED_FORMAT} with 415, {@code TOO_LARGE}/{@code TOO_LONG} with 413 and the rest
 * with 422); the message names the offending value and what the user can do about it.
 */
public final class AudioDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of problem stopped the decode. */
    public enum Kind {
        /** No bytes at all (or nothing but padding). */
        EMPTY,
        /** A format we recognise but cannot decode here (or one we do not recognise at all). */
        UNSUPPORTED_FORMAT,
        /** The header or the data ends before it says it does. */
        TRUNCATED,
        /** Inconsistent or invalid content: zero channels, absurd rate, NaN samples, codec errors. */
        CORRUPT,
        /** More input bytes than {@link DecodeLimits#maxBytes()}. */
        TOO_LARGE,
        /** More audio than {@link DecodeLimits#maxSeconds()}. */
        TOO_LONG
    }

    private final Kind kind;
    private final String detectedFormat;

    /**
     * @param kind           what went wrong, never null
     * @param detectedFormat the format found by the magic bytes ("wav", "mp3", ..., or "unknown")
     * @param message        what was found, what was expected and what to do
     */
    public AudioDecodeException(Kind kind, String detectedFormat, String message) {
        this(kind, detectedFormat, message, null);
    }

    /**
     * @param kind           what went wrong, never null
     * @param detectedFormat the format found by the magic bytes ("wav", "mp3", ..., or "unknown")
     * @param message        what was found, what was expected and what to do
     * @param cause          the library exception behind it, may be null
     */
    public AudioDecodeException(Kind kind, String detectedFormat, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detectedFormat = detectedFormat == null ? "unknown" : detectedFormat;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    /** @return the detected container/codec, "unknown" when the magic bytes matched nothing */
    public String detectedFormat() {
        return detectedFormat;
    }
}
