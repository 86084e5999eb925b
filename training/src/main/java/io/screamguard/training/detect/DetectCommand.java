package io.screamguard.training.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.detection.ClipAnalysis;
import io.screamguard.core.detection.ClipAnalyzer;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.detection.Incident;
import io.screamguard.core.detection.LiveAnalyzer;
import io.screamguard.core.detection.LiveSummary;
import io.screamguard.core.model.ModelLoadException;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.training.loadgen.LatencyStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code detect --model MODEL_DIR FILE [--json]}: prints the incidents of a recording. A recording
 * of up to {@value #STREAM_ABOVE_BYTES} bytes is decoded whole and analysed as an upload is; a
 * larger one is streamed through the live path ({@link LiveAnalyzer}) in constant memory, read
 * straight from the file for a 16-bit or float WAV and through ffmpeg for anything else, so a
 * 24-hour recording is a normal input.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Prints the scream incidents of a recording of any length (long ones are streamed in",
            "constant memory), with the model's threshold, loudness gate and k-of-n debounce unless overridden."})
public final class DetectCommand implements Callable<Integer> {

    /** Where the shipped model sits on the CLI's classpath (copied from the server's resources at build time). */
    static final String SHIPPED_MODEL = "model";
    /** Recordings larger than this are streamed instead of decoded whole. */
    static final long STREAM_ABOVE_BYTES = 32L << 20;
    /** Limits of a recording decoded whole (at most {@link #STREAM_ABOVE_BYTES} of file, when it cannot be streamed: up to 4 hours). */
    static final DecodeLimits LIMITS = new DecodeLimits(1L << 30, 4 * 3600.0);
    private static final int CHUNK_BYTES = 1 << 20;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", description = "model directory (forest.ser.gz + model.json); default: the shipped model")
    private Path modelDir;

    @Parameters(index = "0", paramLabel = "FILE", description = "the recording (WAV, FLAC, MP3, OGG, M4A, or anything ffmpeg reads)")
    private Path file;

    @Option(names = "--json", description = "print {\"duration_s\", \"incidents\": [{\"start_s\", \"end_s\", \"peak\"}]}")
    private boolean json;

    @Option(names = "--threshold", description = "scream probability threshold in [0, 1] (default: the model's recommended one)")
    private Double threshold;

    @Option(names = "--stream-above-bytes", hidden = true, defaultValue = "" + STREAM_ABOVE_BYTES,
            description = "stream recordings larger than this many bytes (tests)")
    private long streamAboveBytes;

    @Option(names = "--repeat", defaultValue = "0",
            description = "time the decode + analysis this many times on one thread (after warm-up) and print p50/p90/max to stderr")
    private int repeat;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScreamModel model;
        try {
            model = modelDir == null ? ScreamModel.loadResource(SHIPPED_MODEL) : ScreamModel.load(modelDir);
        } catch (ModelLoadException e) {
            err.println("detect: " + e.getMessage());
            return 2;
        }
        DetectorConfig config = DetectorConfig.fromModel(model.metadata());
        if (threshold != null) {
            try {
                config = config.withThreshold(threshold);
            } catch (IllegalArgumentException e) {
                err.println("detect: --threshold " + e.getMessage());
                return 2;
            }
        }
        ClipAnalyzer analyzer = new ClipAnalyzer(model, config);
        AudioDecoder decoder = new AudioDecoder(LIMITS);
        Detection detection;
        byte[] bytes = null;
        try {
            Optional<Detection> streamed = Files.size(file) > streamAboveBytes
                    ? stream(file, model, config) : Optional.empty();
            if (streamed.isPresent()) {
                detection = streamed.get();
            } else {
                bytes = Files.readAllBytes(file);
                detection = Detection.of(analyzer.analyze(decoder.decode(bytes)));
            }
        } catch (IOException e) {
            err.println("detect: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (AudioDecodeException e) {
            err.println("detect: " + file + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("detect: interrupted");
            return 1;
        }
        if (json) {
            out.println(toJson(detection));
        } else {
            out.print(toText(detection, config));
        }
        out.flush();
        if (repeat > 0) {
            if (bytes == null) {
                err.println("detect: --repeat times recordings decoded whole (at most " + streamAboveBytes + " bytes)");
            } else {
                err.println(time(decoder, analyzer, bytes, repeat));
            }
            err.flush();
        }
        return 0;
    }

    /**
     * What detect found.
     *
     * @param durationSeconds length of the recording
     * @param incidents       the incidents
     * @param peakProbability highest window probability
     * @param windowsScored   windows above the loudness gate
     * @param windowsQuiet    windows below it
     */
    record Detection(double durationSeconds, List<Incident> incidents, double peakProbability, long windowsScored,
                     long windowsQuiet) {

        static Detection of(ClipAnalysis analysis) {
            return new Detection(analysis.durationSeconds(), analysis.incidents(), analysis.peakProbability(),
                    analysis.windowsScored(), analysis.windowsQuiet());
        }

        static Detection of(LiveSummary summary) {
            return new Detection(summary.audioSeconds(), summary.incidents(), summary.peakProbability(),
                    summary.windowsScored(), summary.windowsQuiet());
        }
    }

    /**
     * Streams a recording through the live path in chunks of {@value #CHUNK_BYTES} bytes; empty
     * when it is neither a streamable WAV nor decodable by an ffmpeg on the PATH.
     *
     * @throws AudioDecodeException when ffmpeg cannot decode it
     */
    static Optional<Detection> stream(Path file, ScreamModel model, DetectorConfig config)
            throws IOException, InterruptedException, AudioDecodeException {
        Optional<PcmStream> opened = PcmStream.openWav(file);
        if (opened.isEmpty()) {
            opened = PcmStream.openWithFfmpeg(file);
        }
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (PcmStream pcm = opened.get()) {
            LiveAnalyzer analyzer = new LiveAnalyzer(model, config, pcm.encoding(), pcm.rateHz(), pcm.channels(),
                    hop -> { });
            byte[] chunk = new byte[CHUNK_BYTES];
            long read = 0;
            for (int n = pcm.read(chunk, read); n > 0; n = pcm.read(chunk, read)) {
                analyzer.push(chunk, 0, n);
                read += n;
            }
            if (pcm.failed() || read == 0) {
                throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, "ffmpeg",
                        "ffmpeg could not decode it into audio: check that it is a recording, or convert it to WAV");
            }
            return Optional.of(Detection.of(analyzer.finish()));
        }
    }

    /** The JSON object of the issue: duration and incidents, nothing else. */
    static String toJson(Detection analysis) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("duration_s", round3(analysis.durationSeconds()));
        List<Map<String, Object>> incidents = new ArrayList<>();
        for (Incident incident : analysis.incidents()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("start_s", round3(incident.startSeconds()));
            item.put("end_s", round3(incident.endSeconds()));
            item.put("peak", round3(incident.peakProbability()));
            incidents.add(item);
        }
        root.put("incidents", incidents);
        try {
            return new ObjectMapper().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of plain maps", e);
        }
    }

    static String toText(Detection analysis, DetectorConfig config) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%.2f s analysed: %d windows scored, %d quiet; peak probability %.3f; "
                        + "threshold %.2f, %d of %d windows, quiet below RMS %.4f%n", analysis.durationSeconds(),
                analysis.windowsScored(), analysis.windowsQuiet(), analysis.peakProbability(),
                config.thresholdProbability(), config.debounceK(), config.debounceN(), config.quietRms()));
        if (analysis.incidents().isEmpty()) {
            text.append("no incidents").append(System.lineSeparator());
        }
        for (Incident incident : analysis.incidents()) {
            text.append(String.format(Locale.ROOT, "incident %s - %s  peak %.3f  (%d windows)%n",
                    clock(incident.startSeconds()), clock(incident.endSeconds()), incident.peakProbability(),
                    incident.windows()));
        }
        return text.toString();
    }

    /** m:ss.ss, or h:mm:ss.ss past an hour. */
    static String clock(double seconds) {
        long whole = (long) Math.floor(seconds);
        double fraction = seconds - whole;
        long hours = whole / 3600;
        long minutes = (whole % 3600) / 60;
        double secs = whole % 60 + fraction;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%05.2f", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%05.2f", minutes, secs);
    }

    private static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    /**
     * Times decode + analysis of the same bytes on this thread, as wall time and as this thread's
     * CPU time (the CPU figure is the one to trust on a machine shared with other work); the first
     * fifth of the runs (at least 5) warm up.
     */
    static String time(AudioDecoder decoder, ClipAnalyzer analyzer, byte[] bytes, int repeat) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
        int warmUp = Math.max(5, repeat / 5);
        long[] micros = new long[repeat];
        long[] cpuMicros = new long[repeat];
        long[] analyzeMicros = new long[repeat];
        double duration = 0;
        for (int i = -warmUp; i < repeat; i++) {
            long cpuStart = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
            long start = System.nanoTime();
            DecodedAudio audio;
            try {
                audio = decoder.decode(bytes);
            } catch (AudioDecodeException e) {
                throw new IllegalStateException("decoded once, not twice: " + e.getMessage(), e);
            }
            long decoded = System.nanoTime();
            duration = analyzer.analyze(audio).durationSeconds();
            long end = System.nanoTime();
            long cpuEnd = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
            if (i >= 0) {
                micros[i] = (end - start) / 1000;
                cpuMicros[i] = (cpuEnd - cpuStart) / 1000;
                analyzeMicros[i] = (end - decoded) / 1000;
            }
        }
        java.util.Arrays.sort(micros);
        java.util.Arrays.sort(cpuMicros);
        java.util.Arrays.sort(analyzeMicros);
        return String.format(Locale.ROOT, "timing (%d runs after %d warm-up, one thread, %.2f s clip): decode+analyze "
                        + "wall p50 %.2f ms, p90 %.2f ms, max %.2f ms; CPU p50 %.2f ms; analyze only wall p50 %.2f ms",
                repeat, warmUp, duration, LatencyStats.nearestRank(micros, 50) / 1000.0, LatencyStats.nearestRank(micros, 90) / 1000.0,
                micros[repeat - 1] / 1000.0, cpuTimed ? LatencyStats.nearestRank(cpuMicros, 50) / 1000.0 : Double.NaN,
                LatencyStats.nearestRank(analyzeMicros, 50) / 1000.0);
    }
}
