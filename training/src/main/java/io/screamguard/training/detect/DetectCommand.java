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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code detect --model MODEL_DIR FILE [--json]}: prints the incidents of a recording.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Prints the scream incidents of a recording (any length up to the decode limits),",
            "with the model's threshold, loudness gate and k-of-n debounce unless overridden."})
public final class DetectCommand implements Callable<Integer> {

    /** Maximum length of a recording for detect: longer than an upload's 10 minutes. */
    static final DecodeLimits LIMITS = new DecodeLimits(1L << 30, 4 * 3600.0);

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, description = "model directory (forest.ser.gz + model.json)")
    private Path modelDir;

    @Parameters(index = "0", paramLabel = "FILE", description = "the recording (WAV, FLAC, MP3, OGG, M4A, or anything ffmpeg reads)")
    private Path file;

    @Option(names = "--json", description = "print {\"duration_s\", \"incidents\": [{\"start_s\", \"end_s\", \"peak\"}]}")
    private boolean json;

    @Option(names = "--threshold", description = "scream probability threshold in [0, 1] (default: the model's recommended one)")
    private Double threshold;

    @Option(names = "--repeat", defaultValue = "0",
            description = "time the decode + analysis this many times on one thread (after warm-up) and print p50/p90/max to stderr")
    private int repeat;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScreamModel model;
        try {
            model = ScreamModel.load(modelDir);
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
        byte[] bytes;
        ClipAnalysis analysis;
        try {
            bytes = Files.readAllBytes(file);
            analysis = analyzer.analyze(decoder.decode(bytes));
        } catch (IOException e) {
            err.println("detect: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (AudioDecodeException e) {
            err.println("detect: " + file + ": " + e.getMessage());
            return 2;
        }
        if (json) {
            out.println(toJson(analysis));
        } else {
            out.print(toText(analysis, config));
        }
        out.flush();
        if (repeat > 0) {
            err.println(time(decoder, analyzer, bytes, repeat));
            err.flush();
        }
        return 0;
    }

    /** The JSON object of the issue: duration and incidents, nothing else. */
    static String toJson(ClipAnalysis analysis) {
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

    static String toText(ClipAnalysis analysis, DetectorConfig config) {
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
