package io.screamguard.core.audio;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A single-thread measurement (thread CPU time) of FLAC decoding to mono floats, not a test: the
 * project's decoder ({@link FlacDecoder}) against jflac ({@link JflacFlacDecoder}, the decoder it
 * replaced), in alternating rounds over the same files held in memory; prints each round's ms of CPU
 * per audio-second and the medians. Run after {@code ./mvnw -o -q -pl core test-compile}:
 * {@code java -cp "core/target/classes:core/target/test-classes:$(cat cp.txt)"
 * io.screamguard.core.audio.FlacDecodeBenchmark ROUNDS FILE_OR_DIR...} (cp.txt from
 * {@code ./mvnw -o -q -pl core dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class FlacDecodeBenchmark {

    private static final DecodeLimits LIMITS = new DecodeLimits(1L << 30, 3600);

    private FlacDecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<byte[]> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try (Stream<Path> walk = Files.walk(Path.of(args[i]))) {
                for (Path p : walk.filter(p -> p.toString().endsWith(".flac")).sorted().toList()) {
                    files.add(Files.readAllBytes(p));
                }
            }
        }
        double audioSeconds = 0;
        for (byte[] f : files) {
            DecodedAudio a = FlacDecoder.decode(f, 0, LIMITS);
            audioSeconds += a.samples().length / (double) a.sampleRate();
            float[] old = JflacFlacDecoder.decode(f, 0, LIMITS).samples();
            if (!Arrays.equals(old, a.samples())) {
                throw new AssertionError("the decoders disagree on a file");
            }
        }
        System.out.println(String.format(Locale.ROOT, "%d files, %.1f audio-seconds; identical mono samples from both",
                files.size(), audioSeconds));
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        double[] jflac = new double[rounds];
        double[] ours = new double[rounds];
        for (int r = -2; r < rounds; r++) {
            long t0 = bean.getCurrentThreadCpuTime();
            for (byte[] f : files) {
                JflacFlacDecoder.decode(f, 0, LIMITS);
            }
            long t1 = bean.getCurrentThreadCpuTime();
            for (byte[] f : files) {
                FlacDecoder.decode(f, 0, LIMITS);
            }
            long t2 = bean.getCurrentThreadCpuTime();
            if (r >= 0) {
                jflac[r] = (t1 - t0) / 1e6 / audioSeconds;
                ours[r] = (t2 - t1) / 1e6 / audioSeconds;
                System.out.println(String.format(Locale.ROOT, "round %d: jflac %.3f ms, ours %.3f ms CPU per audio-second",
                        r, jflac[r], ours[r]));
            }
        }
        double j = median(jflac);
        double o = median(ours);
        System.out.println(String.format(Locale.ROOT, "median: jflac %.3f, ours %.3f ms CPU per audio-second (%.1fx)",
                j, o, j / o));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
