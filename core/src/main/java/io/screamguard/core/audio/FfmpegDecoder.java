package io.screamguard.core.audio;

import java.io.ByteArrayOutputStream;
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

/**
 * The fallback for formats without a Java decoder (WebM/Opus, AIFF, A-law WAV, ...): runs the
 * {@code ffmpeg} executable, pipes the file to its stdin and reads 32-bit float WAV (all channels, at
 * the source rate) from its stdout, which {@link WavDecoder} then parses and mixes down. Output is cut
 * at the duration limit plus one second (then reported TOO_LONG), and a run is killed after
 * {@link #timeoutSeconds()}. Thread-safe: each call starts its own process.
 */
final class FfmpegDecoder {

    /** Hard cap on the bytes read from ffmpeg's stdout (1 GiB). */
    private static final long MAX_OUTPUT_BYTES = 1L << 30;
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
        String format = "ffmpeg:" + detected;
        List<String> command = List.of(executable.toString(), "-hide_banner", "-nostats", "-loglevel", "error",
                "-i", "pipe:0", "-map", "0:a:0", "-vn", "-sn", "-dn", "-c:a", "pcm_f32le",
                "-t", String.format(Locale.ROOT, "%.3f", limits.maxSeconds() + 1), "-f", "wav", "pipe:1");
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, format, "the file looks like "
                    + detected + ", which needs ffmpeg, but " + executable + " could not be started (" + e.getMessage()
                    + "): check the ffmpeg installation or convert the file to WAV or FLAC", e);
        }
        Thread writer = daemon("ffmpeg-stdin", () -> writeAll(process.getOutputStream(), b));
        StringBuilder errors = new StringBuilder();
        Thread errorReader = daemon("ffmpeg-stderr", () -> readText(process.getErrorStream(), errors));
        Thread watchdog = daemon("ffmpeg-watchdog", () -> killAfterTimeout(process));
        byte[] wav;
        boolean overflow;
        try (InputStream stdout = process.getInputStream()) {
            ByteArrayOutputStream collected = new ByteArrayOutputStream();
            overflow = copyAtMost(stdout, collected, MAX_OUTPUT_BYTES);
            wav = collected.toByteArray();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "reading ffmpeg's output failed ("
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
        if (overflow) {
            throw new AudioDecodeException(AudioDecodeException.Kind.TOO_LARGE, format, "the " + detected
                    + " file decodes to more than " + MAX_OUTPUT_BYTES + " bytes of PCM: upload a shorter recording");
        }
        if (exit != 0 || wav.length == 0) {
            String detail;
            synchronized (errors) {
                detail = errors.toString().strip();
            }
            boolean timedOut = exit == Integer.MIN_VALUE;
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, timedOut
                    ? "ffmpeg did not finish decoding the " + detected + " file within " + timeoutSeconds + " s"
                    : "ffmpeg could not decode the " + detected + " file (exit " + exit + "): "
                    + (detail.isEmpty() ? "no audio stream" : detail) + "; re-export it as WAV or FLAC");
        }
        DecodedAudio pcm;
        try {
            pcm = WavDecoder.decode(wav, new DecodeLimits(Long.MAX_VALUE, limits.maxSeconds()));
        } catch (AudioDecodeException e) {
            throw new AudioDecodeException(e.kind(), format, e.getMessage().replace("WAV", "decoded " + detected), e);
        }
        return new DecodedAudio(pcm.samples(), pcm.sampleRate(), pcm.originalChannels(), format);
    }

    private void killAfterTimeout(Process process) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int waitForExit(Process process) throws AudioDecodeException {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Integer.MIN_VALUE;
            }
            int exit = process.exitValue();
            // a kill by the watchdog shows as 137 (SIGKILL) on Unix
            return exit == 137 ? Integer.MIN_VALUE : exit;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, "ffmpeg", "interrupted while waiting for ffmpeg");
        }
    }

    private static boolean copyAtMost(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                return true;
            }
            out.write(buffer, 0, n);
        }
        return false;
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
