package io.screamguard.core.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns an uploaded file into mono samples at its own rate: the format is recognised by its magic
 * bytes (never the file name) and decoded by our WAV parser, JLayer (MP3), our FLAC decoder, JOrbis (Ogg
 * Vorbis) or JAAD (M4A/AAC); other formats (WebM/Opus, AIFF, A-law WAV, ...) go through
 * {@code ffmpeg} when it is on the PATH, and are otherwise refused with UNSUPPORTED_FORMAT.
 *
 * <p>{@link AudioDecodeException} is the only exception that escapes a decode, but for
 * {@link OutOfMemoryError}: the decoding libraries' runtime exceptions, their stack overflows and an
 * out-of-memory error while most of the heap is free (one absurd request sized from a malformed
 * header) are turned into CORRUPT, while an out-of-memory error with more than half of the heap in
 * use is rethrown as it is, because it says nothing about the file (the caller reports it as the
 * server's shortage, never as a bad file). Input size and audio
 * duration are bounded by the {@link DecodeLimits}.
 *
 * <p>{@link #stream(Path, MonoSink)} decodes a file in constant memory: every decoder reads its
 * input incrementally (WAV block by block, JLayer and our FLAC decoder frame by frame from a buffered stream,
 * JOrbis page by page, JAAD seeking in the file, ffmpeg reading the file on its stdin) and hands
 * the mono samples to a {@link MonoSink} in blocks of 8192.
 *
 * <p>Thread-safe: instances hold only immutable configuration; share one.
 */
public final class AudioDecoder {

    private static final int SNIFF_BYTES = 64 * 1024;

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

    /**
     * Decodes a file in constant memory, the mono samples going to {@code sink} block by block as
     * they are decoded (nothing is returned but what was found). The sink may have received samples
     * when an exception is thrown (e.g. TOO_LONG, or a file damaged midway).
     *
     * @param file the audio file, not null
     * @param sink receives the source rate, then the samples
     * @return format, rate, channels and the number of samples delivered
     * @throws AudioDecodeException as {@link #decode(byte[])}
     * @throws IOException          when the file cannot be read
     */
    public StreamedAudio stream(Path file, MonoSink sink) throws AudioDecodeException, IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sink, "sink");
        long size = Files.size(file);
        if (size == 0) {
            throw new AudioDecodeException(AudioDecodeException.Kind.EMPTY, "unknown",
                    "the file is empty (0 bytes): record or choose an audio file");
        }
        if (size > limits.maxBytes()) {
            throw tooLarge(size);
        }
        SniffedFormat sniffed = sniff(file, size);
        CountingSink counted = new CountingSink(sink);
        DecodedAudio found;
        try {
            found = streamSniffed(file, sniffed, counted);
        } catch (AudioDecodeException e) {
            if (e.kind() == AudioDecodeException.Kind.UNSUPPORTED_FORMAT && ffmpeg != null && counted.frames == 0
                    && sniffed.container() != SniffedFormat.Container.UNKNOWN
                    && sniffed.container() != SniffedFormat.Container.FFMPEG_ONLY) {
                found = guarded(() -> ffmpeg.decode(file, e.detectedFormat(), limits, counted), e.detectedFormat());
            } else {
                throw e;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new StreamedAudio(found.format(), found.sampleRate(), found.originalChannels(), counted.frames);
    }

    /** Counts what passes to the caller's sink. */
    private static final class CountingSink implements MonoSink {
        private final MonoSink delegate;
        long frames;

        CountingSink(MonoSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start(int sampleRateHz) {
            delegate.start(sampleRateHz);
        }

        @Override
        public void accept(float[] samples, int length) {
            frames += length;
            delegate.accept(samples, length);
        }
    }

    /** The format of a file from its first 64 KiB (and, after a long ID3v2 tag, the 4 bytes at its end). */
    private static SniffedFormat sniff(Path file, long size) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes((int) Math.min(size, SNIFF_BYTES));
        }
        SniffedFormat sniffed = FormatSniffer.sniff(head);
        if (FormatSniffer.startsWith(head, 0, "ID3") && head.length >= 10
                && sniffed.container() == SniffedFormat.Container.MP3) {
            long end = 10 + (((head[6] & 0x7FL) << 21) | ((head[7] & 0x7FL) << 14) | ((head[8] & 0x7FL) << 7)
                    | (head[9] & 0x7FL)) + ((head[5] & 0x10) != 0 ? 10 : 0);
            if (end >= head.length && end + 4 <= size) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    byte[] magic = new byte[4];
                    raf.seek(end);
                    raf.readFully(magic);
                    if (FormatSniffer.startsWith(magic, 0, "fLaC") && end <= Integer.MAX_VALUE) {
                        return new SniffedFormat(SniffedFormat.Container.FLAC, "flac", (int) end);
                    }
                }
            }
        }
        return sniffed;
    }

    private DecodedAudio streamSniffed(Path file, SniffedFormat sniffed, MonoSink sink) throws AudioDecodeException,
            IOException {
        String name = sniffed.name();
        switch (sniffed.container()) {
            case WAV:
                try (FileChannel channel = FileChannel.open(file)) {
                    return guardedIo(() -> WavDecoder.decode(WavDecoder.Source.of(channel), limits, sink), name);
                }
            case MP3:
                try (InputStream in = buffered(file, 0)) {
                    return guarded(() -> Mp3Decoder.decode(in, limits, sink), name);
                }
            case FLAC:
                long size = Files.size(file);
                try (InputStream in = buffered(file, sniffed.payloadOffset())) {
                    return guarded(() -> FlacDecoder.decode(in, size, limits, sink), name);
                }
            case OGG_VORBIS:
                try (InputStream in = buffered(file, 0)) {
                    return guarded(() -> OggVorbisDecoder.decode(in, limits, sink), name);
                }
            case M4A:
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    return guarded(() -> M4aDecoder.decode(raf, limits, sink), name);
                }
            case FFMPEG_ONLY:
                if (ffmpeg == null) {
                    throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, name, "the file looks"
                            + " like " + name + ", which is decoded through ffmpeg, and ffmpeg is not installed here:"
                            + " install ffmpeg (e.g. apt-get install ffmpeg) or convert the file to WAV or FLAC");
                }
                return guarded(() -> ffmpeg.decode(file, name, limits, sink), "ffmpeg:" + name);
            default:
                byte[] head;
                try (InputStream in = Files.newInputStream(file)) {
                    head = in.readNBytes(8);
                }
                throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, "unknown",
                        "unrecognised file format (first bytes: " + FormatSniffer.hexPrefix(head, 8) + " \""
                        + FormatSniffer.asciiPrefix(head, 8) + "\"): upload WAV, MP3, FLAC, Ogg Vorbis or M4A/AAC"
                        + " audio");
        }
    }

    private static InputStream buffered(Path file, long skip) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.skipNBytes(skip);
        return in;
    }

    /** A decode step that reads a file. */
    @FunctionalInterface
    private interface IoStep {
        DecodedAudio run() throws AudioDecodeException, IOException;
    }

    private static DecodedAudio guardedIo(IoStep step, String format) throws AudioDecodeException, IOException {
        IOException[] failure = new IOException[1];
        DecodedAudio result = guarded(() -> {
            try {
                return step.run();
            } catch (IOException e) {
                failure[0] = e;
                return null;
            }
        }, format);
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
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
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "the " + format
                    + " data is malformed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()) + "): the file is damaged, re-export it", e);
        } catch (OutOfMemoryError e) {
            if (heapIsShort()) {
                // the heap is really full: not the file's fault, the caller reports the server's shortage
                throw e;
            }
            // with most of the heap free, one request failed: a malformed header made a decoding
            // library size a table from garbage (its memory is unreachable again once we get here)
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "the " + format
                    + " headers are malformed (the decoder asked for more memory than the whole heap):"
                    + " the file is damaged, re-export it", e);
        } catch (StackOverflowError e) {
            // a malformed header sent a decoding library into a deep recursion
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "the " + format
                    + " headers are malformed (the decoder gave up with " + e.getClass().getSimpleName()
                    + "): the file is damaged, re-export it", e);
        }
    }

    /**
     * Whether more than half of the maximum heap is still in use once the failed decode's memory is
     * collected: after an {@link OutOfMemoryError}, the sign of a real shortage (other work holds the
     * heap) rather than of a decode that sized its tables from a garbage header. Runs a full GC:
     * called only after an out-of-memory error.
     */
    static boolean heapIsShort() {
        Runtime runtime = Runtime.getRuntime();
        runtime.gc();
        long used = runtime.totalMemory() - runtime.freeMemory();
        return used > runtime.maxMemory() / 2;
    }

    private AudioDecodeException tooLarge(long size) {
        return new AudioDecodeException(AudioDecodeException.Kind.TOO_LARGE, "unknown", "the file has " + size
                + " bytes, more than the limit of " + limits.maxBytes() + ": upload a shorter or more compressed recording");
    }
}
