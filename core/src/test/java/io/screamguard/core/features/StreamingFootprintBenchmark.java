package io.screamguard.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A quick measurement (not a test) of what one live stream's {@link StreamingFeatureExtractor}
 * costs: retained heap per instance after it has analysed two seconds of audio in 100 ms chunks
 * (the live path's chunk size), and construction time per instance. Run after
 * {@code ./mvnw -o -q -pl core test-compile}:
 * {@code java -Xmx2g -cp core/target/classes:core/target/test-classes:<JTransforms jar>
 * io.screamguard.core.features.StreamingFootprintBenchmark [instances]}
 */
public final class StreamingFootprintBenchmark {

    private StreamingFootprintBenchmark() {
    }

    public static void main(String[] args) {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        FeatureConfig config = FeatureConfig.analysis();
        WindowConfig windows = WindowConfig.DEFAULT;
        float[] chunk = new float[config.sampleRate() / 10];
        Random random = new Random(1);
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (float) (0.1 * random.nextGaussian());
        }
        long[] emitted = new long[1];
        StreamingFeatureExtractor.WindowSink sink = (end, summary, rms) -> emitted[0]++;

        // warm-up: class loading, JIT, the first (possibly cached) tables
        for (int i = 0; i < 300; i++) {
            new StreamingFeatureExtractor(config, windows).push(chunk, sink);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        List<StreamingFeatureExtractor> timed = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            timed.add(new StreamingFeatureExtractor(config, windows));
        }
        double constructMicros = (threads.getCurrentThreadCpuTime() - start) / 1e3 / instances;
        timed.clear();

        long before = usedAfterGc();
        List<StreamingFeatureExtractor> live = new ArrayList<>(instances);
        for (int i = 0; i < instances; i++) {
            StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(config, windows);
            for (int c = 0; c < 20; c++) {
                extractor.push(chunk, sink);
            }
            live.add(extractor);
        }
        long after = usedAfterGc();
        double perInstanceKb = (after - before) / 1024.0 / instances;
        System.out.println(String.format(Locale.ROOT,
                "%d instances (%s, %s): retained %.1f KB per instance after 2 s of 100 ms chunks, "
                        + "construction %.1f us CPU per instance, %d windows emitted",
                instances, config.describe(), windows, perInstanceKb, constructMicros, emitted[0]));
        if (live.size() != instances) {
            throw new IllegalStateException("lost instances");
        }
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
