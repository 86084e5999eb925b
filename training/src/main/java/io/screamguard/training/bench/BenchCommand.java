package io.screamguard.training.bench;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.StreamingFeatureExtractor;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: the CPU time (not wall time, so a busy machine distorts it less than JMH's
 * wall-clock figures) of the streaming feature path per audio-second and of one window, single
 * thread, for the same configurations as {@link StreamingFeaturesBenchmark}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"CPU time of the feature path per audio-second and per window (single thread).",
            "For JMH's wall-clock figures: java -cp screamguard-cli.jar org.openjdk.jmh.Main StreamingFeaturesBenchmark -f 1 -wi 3 -i 5"})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
            description = "audio seconds per measurement round (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "measurement rounds after two warm-up rounds; the median is reported (default ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() {
        if (seconds < 1 || rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--seconds and --rounds must be >= 1, got " + seconds + " and " + rounds);
        }
        PrintWriter out = spec.commandLine().getOut();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String config : List.of("librosa22050", "analysis")) {
            FeatureConfig features = StreamingFeaturesBenchmark.features(config);
            WindowConfig window = StreamingFeaturesBenchmark.window(config);
            int rate = features.sampleRate();
            float[] second = StreamingFeaturesBenchmark.screamLike(rate);
            float[][] chunks = new float[10][];
            for (int i = 0; i < 10; i++) {
                chunks[i] = Arrays.copyOfRange(second, i * rate / 10, (i + 1) * rate / 10);
            }
            StreamingFeatureExtractor stream = new StreamingFeatureExtractor(features, window);
            WindowFeatureExtractor windows = new WindowFeatureExtractor(features, window);
            double[] streamMs = new double[rounds];
            double[] windowMs = new double[rounds];
            double[] sink = new double[1];
            for (int round = -2; round < rounds; round++) {
                long start = cpu.getCurrentThreadCpuTime();
                for (int s = 0; s < seconds; s++) {
                    for (float[] chunk : chunks) {
                        stream.push(chunk, (end, summary, rms) -> sink[0] += summary[0]);
                    }
                }
                long middle = cpu.getCurrentThreadCpuTime();
                for (int s = 0; s < seconds; s++) {
                    sink[0] += windows.summarize(second)[0];
                }
                long end = cpu.getCurrentThreadCpuTime();
                if (round >= 0) {
                    streamMs[round] = (middle - start) / 1e6 / seconds;
                    windowMs[round] = (end - middle) / 1e6 / seconds;
                }
            }
            out.printf(Locale.ROOT, "%-13s %s%n", config, features.describe());
            out.printf(Locale.ROOT, "  streaming: %.3f ms CPU per audio-second (median of %d rounds of %d s; min %.3f)%n",
                    median(streamMs), rounds, seconds, Arrays.stream(streamMs).min().orElse(0));
            out.printf(Locale.ROOT, "  one window (%.3f s): %.3f ms CPU (median; min %.3f)%n", window.windowSeconds(),
                    median(windowMs), Arrays.stream(windowMs).min().orElse(0));
            if (sink[0] == 42.4242) {
                out.println();
            }
        }
        out.flush();
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
