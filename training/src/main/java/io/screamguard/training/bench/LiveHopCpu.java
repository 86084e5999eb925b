package io.screamguard.training.bench;

import io.screamguard.core.audio.PcmEncoding;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.detection.LiveAnalyzer;
import io.screamguard.core.detection.LiveListener;
import io.screamguard.core.model.ModelLoadException;
import io.screamguard.core.model.ScreamModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The thread CPU time of one live hop: the loop of {@link LiveHopBenchmark} (half a second of
 * 16-bit PCM in five 100 ms frames into a running {@link LiveAnalyzer} with the shipped model),
 * timed by the thread's CPU clock instead of the wall clock, so that it can be measured on a
 * machine that other work keeps busy. Prints the median over rounds of the CPU microseconds per hop.
 * Run: {@code java -cp training/target/screamguard-cli.jar io.screamguard.training.bench.LiveHopCpu RATE_HZ HOPS ROUNDS}
 * (defaults 16000, 1000, 7; 3000 hops of warm-up first).
 */
public final class LiveHopCpu {
    private LiveHopCpu() {
    }

    public static void main(String[] args) throws ModelLoadException {
        int rateHz = args.length > 0 ? Integer.parseInt(args[0]) : 16_000;
        int hops = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        ScreamModel model = ScreamModel.loadResource("model");
        double hopSeconds = model.metadata().window().hopSeconds();
        long[] decided = new long[1];
        LiveListener counting = hop -> decided[0]++;
        LiveAnalyzer live = new LiveAnalyzer(model, DetectorConfig.fromModel(model.metadata()), PcmEncoding.S16LE,
                rateHz, 1, counting);
        byte[][] frames = frames(rateHz, hopSeconds);
        for (int i = 0; i < 3000; i++) {
            hop(live, frames);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] microseconds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int h = 0; h < hops; h++) {
                hop(live, frames);
            }
            microseconds[r] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / hops;
        }
        double[] sorted = microseconds.clone();
        Arrays.sort(sorted);
        StringBuilder each = new StringBuilder();
        for (double us : microseconds) {
            each.append(String.format(" %.0f", us));
        }
        System.out.printf("%d Hz: %.1f us of CPU per hop (median of %d rounds of %d hops; rounds:%s; %d hops decided)%n",
                rateHz, sorted[rounds / 2], rounds, hops, each, decided[0]);
    }

    private static void hop(LiveAnalyzer live, byte[][] frames) {
        for (byte[] frame : frames) {
            live.push(frame);
        }
    }

    /** The audio of {@link LiveHopBenchmark}: a gliding 700 Hz tone with noise, loud enough for the gate. */
    static byte[][] frames(int rateHz, double hopSeconds) {
        int hopSamples = (int) Math.round(hopSeconds * rateHz);
        int frameSamples = hopSamples / 5;
        SplittableRandom random = new SplittableRandom(7);
        byte[][] frames = new byte[5][frameSamples * 2];
        double phase = 0;
        for (int f = 0; f < 5; f++) {
            for (int i = 0; i < frameSamples; i++) {
                phase += 2 * Math.PI * (700 + 300 * Math.sin(f + i / (double) frameSamples)) / rateHz;
                int value = (int) Math.round(9000 * Math.sin(phase) + 1500 * (2 * random.nextDouble() - 1));
                frames[f][2 * i] = (byte) value;
                frames[f][2 * i + 1] = (byte) (value >> 8);
            }
        }
        return frames;
    }
}
