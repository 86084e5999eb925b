package io.screamguard.training.features;

import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.audio.Resampler;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Summarises every audio file under a folder on several threads: decode, resample to the analysis
 * rate, summary vector of the whole clip ({@link FeatureConfig#analysis()}). A file that cannot be
 * decoded is reported on the error stream and skipped.
 */
final class FolderFeatureExtractor {
    /** File name extensions treated as audio when scanning a folder (decoding itself goes by magic bytes). */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "mp3", "flac", "ogg", "oga", "m4a", "mp4",
            "aac", "webm", "opus", "aif", "aiff");

    private final int threads;

    FolderFeatureExtractor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    static List<Path> audioFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> AUDIO_EXTENSIONS.contains(extension(p)))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .collect(Collectors.toList());
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private record Result(Path path, float[] summary, double seconds, long cpuNanos, String error) {
    }

    FolderSummary extract(Path dir, PrintWriter err) throws IOException, InterruptedException {
        FeatureConfig config = FeatureConfig.analysis();
        List<Path> files = audioFiles(dir);
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT);
        ThreadLocal<WindowFeatureExtractor> extractors =
                ThreadLocal.withInitial(() -> new WindowFeatureExtractor(config, WindowConfig.DEFAULT));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<FolderSummary.Row> rows = new ArrayList<>();
        double audioSeconds = 0;
        long cpuNanos = 0;
        int skipped = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("features").setInitialMax(files.size())
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            List<Future<Result>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    long start = cpu.getCurrentThreadCpuTime();
                    try {
                        DecodedAudio audio = decoder.decode(file);
                        float[] y = Resampler.resample(audio.samples(), audio.sampleRate(), config.sampleRate());
                        float[] summary = extractors.get().summarize(y.length == 0 ? new float[1] : y);
                        return new Result(file, summary, audio.durationSeconds(), cpu.getCurrentThreadCpuTime() - start, null);
                    } catch (AudioDecodeException | IOException | RuntimeException e) {
                        return new Result(file, null, 0, cpu.getCurrentThreadCpuTime() - start, e.toString());
                    } finally {
                        bar.step();
                    }
                }));
            }
            for (Future<Result> f : futures) {
                Result r = get(f);
                cpuNanos += r.cpuNanos();
                if (r.error() != null) {
                    skipped++;
                    err.println("skipped " + r.path() + ": " + r.error());
                    continue;
                }
                audioSeconds += r.seconds();
                rows.add(new FolderSummary.Row(dir.relativize(r.path()).toString().replace('\\', '/'), r.summary()));
            }
        } finally {
            pool.shutdownNow();
        }
        err.flush();
        return new FolderSummary(FeatureSchema.of(config).names(), rows, audioSeconds, cpuNanos / 1e9, skipped);
    }

    private static Result get(Future<Result> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("feature extraction failed unexpectedly", e.getCause());
        }
    }
}
