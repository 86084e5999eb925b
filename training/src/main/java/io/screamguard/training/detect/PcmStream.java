package io.screamguard.training.detect;

import io.screamguard.core.audio.PcmEncoding;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A recording opened as a stream of interleaved PCM bytes, so that {@code detect} can analyse any
 * length in constant memory: a 16-bit or 32-bit float PCM WAV is read straight from the file;
 * anything else is decoded by {@code ffmpeg} (when it is on the PATH) to 16 kHz mono 16-bit PCM on
 * a pipe. Not thread-safe; close it when done.
 *
 * @param data      the PCM bytes (the WAV's data chunk, or ffmpeg's stdout)
 * @param dataBytes bytes of PCM to read, or -1 to read to the end of {@code data}
 * @param encoding  the sample encoding
 * @param rateHz    the sample rate
 * @param channels  interleaved channels
 * @param ffmpeg    the decoding process, or null
 */
record PcmStream(InputStream data, long dataBytes, PcmEncoding encoding, int rateHz, int channels, Process ffmpeg)
        implements AutoCloseable {

    /** The rate ffmpeg is asked for: the analysis rate, so nothing is resampled twice. */
    static final int FFMPEG_RATE_HZ = 16_000;

    /**
     * Opens a WAV whose samples the live path reads as they are (PCM 16-bit or IEEE float 32-bit,
     * plain or WAVE_FORMAT_EXTENSIBLE, little-endian); empty for anything else.
     */
    static Optional<PcmStream> openWav(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            byte[] riff = in.readNBytes(12);
            if (riff.length < 12 || !ascii(riff, 0, "RIFF") || !ascii(riff, 8, "WAVE")) {
                in.close();
                return Optional.empty();
            }
            PcmEncoding encoding = null;
            int channels = 0;
            int rate = 0;
            while (true) {
                byte[] header = in.readNBytes(8);
                if (header.length < 8) {
                    in.close();
                    return Optional.empty();
                }
                long size = Integer.toUnsignedLong(le32(header, 4));
                if (ascii(header, 0, "fmt ")) {
                    byte[] fmt = in.readNBytes((int) Math.min(size, 64));
                    skip(in, size - fmt.length + (size & 1));
                    if (fmt.length < 16) {
                        in.close();
                        return Optional.empty();
                    }
                    int format = le16(fmt, 0);
                    channels = le16(fmt, 2);
                    rate = le32(fmt, 4);
                    int bits = le16(fmt, 14);
                    if (format == 0xFFFE && fmt.length >= 26) {
                        format = le16(fmt, 24);
                    }
                    encoding = format == 1 && bits == 16 ? PcmEncoding.S16LE
                            : format == 3 && bits == 32 ? PcmEncoding.F32LE : null;
                } else if (ascii(header, 0, "data")) {
                    if (encoding == null || channels < 1 || rate < 1) {
                        in.close();
                        return Optional.empty();
                    }
                    // a streamed WAV may leave the size at 0 or 0xFFFFFFFF: then the data runs to the end
                    long dataBytes = size == 0 || size == 0xFFFFFFFFL ? -1 : size;
                    return Optional.of(new PcmStream(in, dataBytes, encoding, rate, channels, null));
                } else {
                    skip(in, size + (size & 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Starts ffmpeg decoding {@code file} to 16 kHz mono s16le; empty when ffmpeg is not on the PATH. */
    static Optional<PcmStream> openWithFfmpeg(Path file) throws IOException {
        Optional<Path> ffmpeg = onPath("ffmpeg");
        if (ffmpeg.isEmpty()) {
            return Optional.empty();
        }
        Process process = new ProcessBuilder(ffmpeg.get().toString(), "-nostdin", "-v", "error", "-i",
                file.toAbsolutePath().toString(), "-f", "s16le", "-ac", "1", "-ar", Integer.toString(FFMPEG_RATE_HZ), "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        return Optional.of(new PcmStream(new BufferedInputStream(process.getInputStream(), 1 << 16), -1,
                PcmEncoding.S16LE, FFMPEG_RATE_HZ, 1, process));
    }

    /**
     * Reads the next PCM bytes into {@code buffer}.
     *
     * @return bytes read, or -1 at the end of the data
     */
    int read(byte[] buffer, long alreadyRead) throws IOException {
        int want = buffer.length;
        if (dataBytes >= 0) {
            long left = dataBytes - alreadyRead;
            if (left <= 0) {
                return -1;
            }
            want = (int) Math.min(want, left);
        }
        int n = data.readNBytes(buffer, 0, want);
        return n == 0 ? -1 : n;
    }

    /** Whether ffmpeg ended with an error (false for a WAV). */
    boolean failed() throws InterruptedException {
        return ffmpeg != null && ffmpeg.waitFor() != 0;
    }

    @Override
    public void close() throws IOException {
        data.close();
        if (ffmpeg != null) {
            ffmpeg.destroy();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the WAV ends inside a chunk");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static boolean ascii(byte[] b, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
