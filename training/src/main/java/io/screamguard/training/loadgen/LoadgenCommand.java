package io.screamguard.training.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loadgen}: N concurrent live streams against a local server's /api/stream, at real-time pace.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        description = {
            "Opens N concurrent WebSocket streams to a local ScreamGuard server at real-time pace from audio files",
            "and reports decision latency (p50/p99/max), hop messages received vs expected, dropped windows,",
            "and the server's CPU and resident memory (with --server-pid). Ends by itself after --duration."})
public final class LoadgenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, description = "ws://HOST:PORT/api/stream (loopback only)")
    private URI url;

    @Option(names = "--streams", defaultValue = "100", description = "concurrent streams (default: ${DEFAULT-VALUE})")
    private int streams;

    @Option(names = "--duration", defaultValue = "60", description = "seconds the run lasts, ramp included (default: ${DEFAULT-VALUE})")
    private double durationSeconds;

    @Option(names = "--files", required = true, description = "an audio file or a directory of them, looped on every stream")
    private Path files;

    @Option(names = "--server-pid", defaultValue = "0", description = "server process id, to sample its CPU and RSS from /proc")
    private long serverPid;

    @Option(names = "--ramp-seconds", defaultValue = "10", description = "streams connect spread over this time (default: ${DEFAULT-VALUE})")
    private double rampSeconds;

    @Option(names = "--frame-ms", defaultValue = "20", description = "audio per binary message in ms (default: ${DEFAULT-VALUE})")
    private int frameMillis;

    @Option(names = "--sample-rate", defaultValue = "48000", description = "rate sent, s16le mono (default: ${DEFAULT-VALUE})")
    private int sampleRateHz;

    @Option(names = "--seed", defaultValue = "1", description = "seed of each stream's start in the audio (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--window-seconds", description = "window length for the expected hop count (default: inferred from the hops)")
    private Double windowSeconds;

    @Option(names = "--hop-seconds", description = "hop for the expected hop count (default: inferred from the hops)")
    private Double hopSeconds;

    @Option(names = "--max-audio-seconds", defaultValue = "300", description = "cap on the audio loop's length (default: ${DEFAULT-VALUE})")
    private double maxAudioSeconds;

    @Option(names = "--sample-seconds", defaultValue = "10", description = "how often the timeline samples server CPU "
            + "and RSS (/proc, with --server-pid), the interval's decision latency p50/p99, dropped windows and GC pauses "
            + "(/metrics) (default: ${DEFAULT-VALUE})")
    private double sampleSeconds;

    @Option(names = "--json", description = "print the report as one JSON object")
    private boolean json;

    @Option(names = "--email", description = "sign in as this account first (the server's streams need a session); "
            + "the password comes from the environment variable SCREAMGUARD_PASSWORD")
    private String email;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadPlan plan;
        PcmSource audio;
        try {
            plan = new LoadPlan(url, streams, durationSeconds, rampSeconds, frameMillis, sampleRateHz, serverPid, seed);
            audio = LoopAudio.load(files, sampleRateHz, maxAudioSeconds, System.err);
        } catch (IllegalArgumentException e) {
            err.println("loadgen: " + e.getMessage());
            return 2;
        }
        String fds = fileDescriptorProblem(plan.streams(), openFileLimit());
        if (fds != null) {
            err.println("loadgen: " + fds);
            return 2;
        }
        err.printf(Locale.ROOT, "loadgen: %d streams to %s for %.0f s (ramp %.0f s), %d ms frames of %d Hz s16le, "
                        + "%.1f s audio loop%n", plan.streams(), plan.url(), plan.durationSeconds(), plan.rampSeconds(),
                plan.frameMillis(), plan.sampleRateHz(), audio.durationSeconds());
        err.flush();
        String cookie = null;
        if (email != null) {
            String password = System.getenv("SCREAMGUARD_PASSWORD");
            if (password == null || password.isEmpty()) {
                err.println("loadgen: --email needs the password in the environment variable SCREAMGUARD_PASSWORD");
                return 2;
            }
            try {
                cookie = SignIn.sessionCookie(java.net.http.HttpClient.newHttpClient(), plan.url(), email, password);
            } catch (IllegalStateException | java.io.IOException e) {
                err.println("loadgen: " + e.getMessage());
                return 2;
            }
        }
        LoadRunner runner;
        try {
            runner = new LoadRunner(plan, audio, System.err,
                    windowSeconds == null ? Double.NaN : windowSeconds, hopSeconds == null ? Double.NaN : hopSeconds,
                    cookie).sampleEvery(sampleSeconds);
        } catch (IllegalArgumentException e) {
            err.println("loadgen: " + e.getMessage());
            return 2;
        }
        LoadReport report = runner.run();
        java.util.List<Timeline.Point> points = runner.timeline().points();
        if (json) {
            java.util.Map<String, Object> map = report.toMap();
            map.put("timeline", points.stream().map(Timeline.Point::toMap).toList());
            out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map));
        } else {
            out.print(report.toText());
            out.printf(Locale.ROOT, "timeline (every %s s):%n", sampleSeconds);
            for (Timeline.Point p : points) {
                out.println(p.toText());
            }
        }
        out.flush();
        return report.streamsOpened() == 0 ? 1 : 0;
    }

    /** File descriptors the JVM itself, the HTTP client and the sign-in need besides one socket per stream. */
    static final int SPARE_FILE_DESCRIPTORS = 128;

    /**
     * Why the run cannot open its streams (each is a socket, so a file descriptor, in this process,
     * and another in a server on the same host), or null when the limit allows them.
     *
     * @param limit the process's open-file limit, or -1 when unknown
     */
    static String fileDescriptorProblem(int streams, long limit) {
        if (limit < 0 || streams + SPARE_FILE_DESCRIPTORS <= limit) {
            return null;
        }
        return "--streams " + streams + " needs about " + (streams + SPARE_FILE_DESCRIPTORS)
                + " open files, but the limit is " + limit + "; raise it (ulimit -n " + (streams + SPARE_FILE_DESCRIPTORS)
                + " or more, in the server's shell too) or open fewer streams";
    }

    /** This process's open-file limit ({@code ulimit -n}), or -1 when the JVM does not say. */
    private static long openFileLimit() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
