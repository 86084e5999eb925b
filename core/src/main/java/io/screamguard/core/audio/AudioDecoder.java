package io.screamguard.core.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns an uploaded file into mono samples at its own rate: the format is recognised by its magic
 * bytes (never the file name) and decoded by our WAV parser, JLayer (MP3), jflac (FLAC), JOrbis (Ogg
 * Vorbis) or JAAD (M4A/AAC); other formats (WebM/Opus, AIFF, A-law WAV, ...) go through
 * {@code ffmpeg} when it is on the PATH, and are otherwise refused with UNSUPPORTED_FORMAT.
 *
 * <p>{@link AudioDecodeException} is the only exception that escapes a decode: the decoding
 * libraries' runtime exceptions (and their out-of-memory or stack errors on malformed headers) are
 * turned into CORRUPT. Input size and audio duration are bounded by the {@link DecodeLimits}.
 *
 * <p>Thread-safe: instances hold only immutable configuration; share one.
 */
public final class AudioDecoder {

    private final DecodeLimits limits;
    private final FfmpegDecoder ffmpeg;

    /**
     * A decoder that uses ffmpeg if it is on the PATH now.
     *
     * @param limits input size and duration bounds, e.g. {@link DecodeLimits#DEFAULT}
     */
    public AudioDecoder(DecodeLimits limits) {
        this(limits, FfmpegDecoder.onPath());
    }

    /**
     * @param limits input size and duration bounds
     * @param ffmpeg the ffmpeg fallback, or null for none
     */
    AudioDecoder(DecodeLimits limits, FfmpegDecoder ffmpeg) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ffmpeg = ffmpeg;
    }

    /** @return the limits this decoder enforces */
    public DecodeLimits limits() {
        return limits;
    }

    /** @return true when formats without a Java decoder can be decoded through ffmpeg */
    public boolean hasFfmpeg() {
        return ffmpeg != null;
    }

    /**
     * Decodes a whole file held in memory.
     *
     * @param bytes the file's bytes, not null
     * @return mono audio at the file's sample rate
     * @throws AudioDecodeException for empty, oversized, unsupported, truncated or corrupt input
     */
    public DecodedAudio decode(byte[] bytes) throws AudioDecodeException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new AudioDecodeException(AudioDecodeException.Kind.EMPTY, "unknown",
                    "the file is empty (0 bytes): record or choose an audio file");
        }
        if (bytes.length > limits.maxBytes()) {
            throw tooLarge(bytes.length);
        }
        SniffedFormat sniffed = FormatSniffer.sniff(bytes);
        try {
            return decodeSniffed(bytes, sniffed);
        } catch (AudioDecodeException e) {
            if (e.kind() == AudioDecodeException.Kind.UNSUPPORTED_FORMAT && ffmpeg != null
                    && sniffed.container() != SniffedFormat.Container.UNKNOWN
                    && sniffed.container() != SniffedFormat.Container.FFMPEG_ONLY) {
                return guarded(() -> ffmpeg.decode(bytes, e.detectedFormat(), limits), e.detectedFormat());
            }
            throw e;
        }
    }

    /**
     * Decodes a file, refusing it by its size before reading it when it is larger than the limit.
     *
     * @param file the audio file, not null
     * @return mono audio at the file's sample rate
     * @throws AudioDecodeException as {@link #decode(byte[])}
     * @throws IOException          when the file cannot be read
     */
    public DecodedAudio decode(Path file) throws AudioDecodeException, IOException {
        Objects.requireNonNull(file, "file");
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw tooLarge(size);
        }
        return decode(Files.readAllBytes(file));
    }

    private DecodedAudio decodeSniffed(byte[] bytes, SniffedFormat sniffed) throws AudioDecodeException {
        String name = sniffed.name();
        switch (sniffed.container()) {
            case WAV:
                return guarded(() -> WavDecoder.decode(bytes, limits), name);
            case MP3:
                return guarded(() -> Mp3Decoder.decode(bytes, limits), name);
            case FLAC:
                return guarded(() -> FlacDecoder.decode(bytes, sniffed.payloadOffset(), limits), name);
            case OGG_VORBIS:
                return guarded(() -> OggVorbisDecoder.decode(bytes, limits), name);
            case M4A:
                return guarded(() -> M4aDecoder.decode(bytes, limits), name);
            case FFMPEG_ONLY:
                if (ffmpeg == null) {
                    throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, name, "the file looks"
                            + " like " + name + ", which is decoded through ffmpeg, and ffmpeg is not installed here:"
                            + " install ffmpeg (e.g. apt-get install ffmpeg) or convert the file to WAV or FLAC");
                }
                return guarded(() -> ffmpeg.decode(bytes, name, limits), "ffmpeg:" + name);
            default:
                throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, "unknown",
                        "unrecognised file format (first bytes: " + FormatSniffer.hexPrefix(bytes, 8) + " \""
                        + FormatSniffer.asciiPrefix(bytes, 8) + "\"): upload WAV, MP3, FLAC, Ogg Vorbis or M4A/AAC"
                        + " audio");
        }
    }

    /** A decode step that may throw the checked exception. */
    @FunctionalInterface
    private interface Step {
        DecodedAudio run() throws AudioDecodeException;
    }

    /** Runs a library-backed decode so that nothing but {@link AudioDecodeException} escapes. */
    private static DecodedAudio guarded(Step step, String format) throws AudioDecodeException {
        try {
            return step.run();
        } catch (RuntimeException e) {
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "the " + format
                    + " data is malformed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()) + "): the file is damaged, re-export it", e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // a malformed header made a decoding library size a table from garbage; its memory is
            // unreachable again once we get here
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "the " + format
                    + " headers are malformed (the decoder gave up with " + e.getClass().getSimpleName()
                    + "): the file is damaged, re-export it", e);
        }
    }

    private AudioDecodeException tooLarge(long size) {
        return new AudioDecodeException(AudioDecodeException.Kind.TOO_LARGE, "unknown", "the file has " + size
                + " bytes, more than the limit of " + limits.maxBytes() + ": upload a shorter or more compressed recording");
    }
}
