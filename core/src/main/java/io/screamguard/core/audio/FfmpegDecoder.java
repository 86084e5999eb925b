package io.screamguard.core.audio;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fallback for formats without a Java decoder (WebM/Opus, AIFF, A-law WAV, ...): runs the
 * {@code ffmpeg} executable, pipes the file to its stdin and reads 32-bit float WAV (all channels, at
 * the source rate) from its stdout, which {@link FloatWavStream} mixes down frame by frame (memory
 * holds only the mono result). Reading stops at the duration limit (TOO_LONG; ffmpeg is also told
 * to stop one second later), and a run is killed after {@link #timeoutSeconds()}. Thread-safe: each
 * call starts its own process.
 */
final class FfmpegDecoder {

    private static final int MAX_ERROR_CHARS = 2000;

    private final Path executable;
    private final long timeoutSeconds;

    FfmpegDecoder(Path executable, long timeoutSeconds) {
        this.executable = executable;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** @return a decoder for the ffmpeg found on the PATH, or null when there is none */
    static FfmpegDecoder onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "ffmpeg.exe" : "ffmpeg";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new FfmpegDecoder(candidate, 120);
                }
            }
        }
        return null;
    }

    /** @return the longest a single ffmpeg run may take before it is killed, in seconds */
    long timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Decodes any format ffmpeg knows.
     *
     * @param b        the file's bytes
     * @param detected the sniffed format name, used in {@link DecodedAudio#format()} as "ffmpeg:name"
     * @param limits   size and duration limits
     */
    DecodedAudio decode(byte[] b, String detected, DecodeLimits limits) throws AudioDecodeException {
        return run(null, b, detected, limits, null);
    }

    /**
     * Decodes a file (ffmpeg reads it from its stdin, redirected from the file), the samples going
     * to {@code sink} as they come: constant memory.
     */
    DecodedAudio decode(Path file, String detected, DecodeLimits limits, MonoSink sink) throws AudioDecodeException {
        return run(file, null, detected, limits, sink);
    }

    private DecodedAudio run(Path file, byte[] b, String detected, DecodeLimits limits, MonoSink sink)
            throws AudioDecodeException {
        String format = "ffmpeg:" + detected;
        List<String> command = List.of(executable.toString(), "-hide_banner", "-nostats", "-loglevel", "error",
                "-i", "pipe:0", "-map", "0:a:0", "-vn", "-sn", "-dn", "-c:a", "pcm_f32le",
                "-t", String.format(Locale.ROOT, "%.3f", limits.maxSeconds() + 1), "-f", "wav", "pipe:1");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (file != null) {
                builder.redirectInput(file.toFile());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, format, "the file looks like "
                    + detected + ", which needs ffmpeg, but " + executable + " could not be started (" + e.getMessage()
                    + "): check the ffmpeg installation or convert the file to WAV or FLAC", e);
        }
        Thread writer = daemon("ffmpeg-stdin", () -> {
            if (b != null) {
                writeAll(process.getOutputStream(), b);
            }
        });
        StringBuilder errors = new StringBuilder();
        Thread errorReader = daemon("ffmpeg-stderr", () -> readText(process.getErrorStream(), errors));
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = daemon("ffmpeg-watchdog", () -> killAfterTimeout(process, timedOut));
        DecodedAudio pcm = null;
        AudioDecodeException failure = null;
        try (InputStream stdout = process.getInputStream()) {
            pcm = FloatWavStream.read(stdout, limits, format, sink);
        } catch (AudioDecodeException e) {
            failure = e;
        } catch (IOException e) {
            failure = new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "reading ffmpeg's output failed ("
                    + e.getMessage() + ")", e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        int exit = waitForExit(process);
        watchdog.interrupt();
        joinQuietly(writer);
        joinQuietly(errorReader);
        if (timedOut.get()) {
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "ffmpeg did not finish decoding the "
                    + detected + " file within " + timeoutSeconds + " s: convert it to WAV or FLAC");
        }
        if (failure != null && failure.kind() == AudioDecodeException.Kind.TOO_LONG) {
            throw failure;
        }
        if (exit != 0) {
            String detail;
            synchronized (errors) {
                detail = errors.toString().strip();
            }
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "ffmpeg could not decode the "
                    + detected + " file (exit " + exit + "): " + (detail.isEmpty() ? "no audio stream" : detail)
                    + "; re-export it as WAV or FLAC");
        }
        if (failure != null) {
            throw failure;
        }
        return pcm;
    }

    private void killAfterTimeout(Process process, AtomicBoolean timedOut) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                timedOut.set(true);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int waitForExit(Process process) throws AudioDecodeException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, "ffmpeg", "interrupted while waiting for ffmpeg");
        }
    }

    private static void writeAll(OutputStream stdin, byte[] b) {
        try (stdin) {
            stdin.write(b);
        } catch (IOException e) {
            // ffmpeg stopped reading (it may have enough, or failed): its exit status tells
        }
    }

    private static void readText(InputStream stderr, StringBuilder into) {
        try (stderr) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = stderr.read(buffer)) != -1) {
                synchronized (into) {
                    if (into.length() < MAX_ERROR_CHARS) {
                        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        into.setLength(Math.min(into.length(), MAX_ERROR_CHARS));
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is enough
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
