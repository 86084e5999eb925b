package io.screamguard.training.loadgen;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LoadPlan}: connects the streams over the ramp, paces every stream's audio from one
 * thread, samples the server process each second, ends by itself after the duration and reports.
 */
final class LoadRunner {

    /** Audio the server may need past a window's end before deciding (resampler look-ahead, margin). */
    static final double LOOKAHEAD_SECONDS = 0.05;
    /** How long to wait for the last hop messages after the last audio was sent. */
    static final long GRACE_MILLIS = 2000;

    private final LoadPlan plan;
    private final PcmSource audio;
    private final PrintStream progress;
    private final double givenWindowSeconds;
    private final double givenHopSeconds;
    private final String sessionCookie;
    private final Timeline timeline = new Timeline();
    private long sampleMillis = 10_000;

    /**
     * @param plan               what to run
     * @param audio              audio to loop on every stream, at the plan's rate
     * @param progress           where progress lines go (stderr)
     * @param givenWindowSeconds window length for the expected hop count, NaN to infer it from the hop messages
     * @param givenHopSeconds    hop for the expected hop count, NaN to infer it
     */
    LoadRunner(LoadPlan plan, PcmSource audio, PrintStream progress, double givenWindowSeconds, double givenHopSeconds) {
        this(plan, audio, progress, givenWindowSeconds, givenHopSeconds, null);
    }

    /**
     * @param sessionCookie the {@code Cookie} header every stream sends with its upgrade
     *                      ({@link SignIn#sessionCookie}), or null for a server without accounts
     */
    LoadRunner(LoadPlan plan, PcmSource audio, PrintStream progress, double givenWindowSeconds, double givenHopSeconds,
               String sessionCookie) {
        if (audio.sampleRateHz() != plan.sampleRateHz()) {
            throw new IllegalArgumentException("audio is at " + audio.sampleRateHz() + " Hz but the plan sends "
                    + plan.sampleRateHz() + " Hz");
        }
        this.plan = plan;
        this.audio = audio;
        this.progress = progress;
        this.givenWindowSeconds = givenWindowSeconds;
        this.givenHopSeconds = givenHopSeconds;
        this.sessionCookie = sessionCookie;
    }

    /** The run over time, one point every sampling interval. */
    Timeline timeline() {
        return timeline;
    }

    /**
     * Takes one timeline point: server CPU over the interval and RSS from /proc, this interval's hop
     * latencies from the clients, dropped windows and GC pauses from /metrics. Sampling thread.
     */
    private void sampleTimeline(List<StreamClient> clients, long startNanos, ProcessSampler server, HttpClient http,
                                String metricsAtStart, long[] previousCpu, long[] previousOwnCpu) {
        try {
            int open = 0;
            long dropped = 0;
            LongSamples interval = new LongSamples();
            for (StreamClient client : clients) {
                if (client.phase() == StreamClient.Phase.OPEN) {
                    open++;
                }
                dropped += client.droppedReported();
                client.latenciesSinceLastCall(interval);
            }
            LatencyStats latency = LatencyStats.ofMicros(interval.array(), interval.size());
            double cpu = Double.NaN;
            double rss = Double.NaN;
            if (server != null) {
                server.sample();
                if (previousCpu[0] >= 0) {
                    cpu = ProcessSampler.cpuPercent(server.lastCpuTicks() - previousCpu[0],
                            server.lastSampleNanos() - previousCpu[1]);
                }
                previousCpu[0] = server.lastCpuTicks();
                previousCpu[1] = server.lastSampleNanos();
                rss = server.lastRssBytes() / 1048576.0;
            }
            String metrics = ServerMetrics.scrape(http, plan.metricsUrl());
            double droppedMetrics = ServerMetrics.value(metrics, "screamguard_dropped_windows_total", false)
                    - orZero(ServerMetrics.value(metricsAtStart, "screamguard_dropped_windows_total", false));
            double pauses = ServerMetrics.value(metrics, "jvm_gc_pause_seconds_count", false)
                    - orZero(ServerMetrics.value(metricsAtStart, "jvm_gc_pause_seconds_count", false));
            double pauseSeconds = ServerMetrics.value(metrics, "jvm_gc_pause_seconds_sum", false)
                    - orZero(ServerMetrics.value(metricsAtStart, "jvm_gc_pause_seconds_sum", false));
            double pauseMaxMs = ServerMetrics.value(metrics, "jvm_gc_pause_seconds_max", true) * 1000;
            long ownNow = ownCpuNanos();
            long wallNow = System.nanoTime();
            double ownCpu = previousOwnCpu[0] < 0 || wallNow <= previousOwnCpu[1] || ownNow <= 0 ? Double.NaN
                    : (ownNow - previousOwnCpu[0]) * 100.0 / (wallNow - previousOwnCpu[1]);
            previousOwnCpu[0] = ownNow;
            previousOwnCpu[1] = wallNow;
            Timeline.Point point = new Timeline.Point((System.nanoTime() - startNanos) / 1e9, open, cpu, rss,
                    interval.size(), interval.size() == 0 ? Double.NaN : latency.p50Ms(),
                    interval.size() == 0 ? Double.NaN : latency.p99Ms(), dropped, droppedMetrics, pauses, pauseSeconds,
                    pauseMaxMs, ownCpu);
            timeline.add(point);
            progress.println(point.toText());
        } catch (RuntimeException e) {
            progress.println("warning: timeline sample failed: " + e);
        }
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** Samples the timeline every this many seconds (10 by default). */
    LoadRunner sampleEvery(double seconds) {
        if (!(seconds >= 0.1)) {
            throw new IllegalArgumentException("--sample-seconds must be >= 0.1, got " + seconds);
        }
        this.sampleMillis = (long) (seconds * 1000);
        return this;
    }

    LoadReport run() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        double droppedBefore = ServerMetrics.droppedTotal(http, plan.metricsUrl());
        ProcessSampler server = plan.serverPid() > 0 ? new ProcessSampler(plan.serverPid()) : null;
        if (server != null && !server.available()) {
            progress.println("warning: /proc/" + plan.serverPid() + " is not readable; no server CPU/memory figures");
            server = null;
        }
        List<StreamClient> clients = createClients();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("loadgen-pacer"));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("loadgen-sampler"));
        long ownCpuStart = ownCpuNanos();
        long startNanos = System.nanoTime();
        long endNanos = startNanos + (long) (plan.durationSeconds() * 1e9);
        long rampNanos = (long) (plan.rampSeconds() * 1e9);
        try {
            for (int i = 0; i < clients.size(); i++) {
                StreamClient client = clients.get(i);
                long delay = clients.size() == 1 ? 0 : rampNanos * i / clients.size();
                pacer.schedule(() -> client.connect(http, plan.url(), sessionCookie), delay, TimeUnit.NANOSECONDS);
            }
            long tickMillis = Math.max(1, Math.min(10, plan.frameMillis() / 2));
            pacer.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                if (now < endNanos) {
                    for (StreamClient client : clients) {
                        try {
                            client.tick(now);
                        } catch (RuntimeException e) {
                            // a throwing task would cancel the schedule for every stream; the client records its failure
                        }
                    }
                }
            }, 0, tickMillis, TimeUnit.MILLISECONDS);
            ProcessSampler sampled = server;
            if (sampled != null) {
                sampled.sample();
                sampler.scheduleAtFixedRate(sampled::sample, 1, 1, TimeUnit.SECONDS);
                sampler.schedule(sampled::markSteady, rampNanos, TimeUnit.NANOSECONDS);
            }
            sampler.schedule(() -> clients.forEach(c -> c.markSteady(System.nanoTime())), rampNanos, TimeUnit.NANOSECONDS);
            sampler.scheduleAtFixedRate(() -> printProgress(clients, startNanos), 5, 5, TimeUnit.SECONDS);
            String metricsAtStart = ServerMetrics.scrape(http, plan.metricsUrl());
            long[] previousCpu = {-1, 0};
            long[] previousOwnCpu = {ownCpuStart, startNanos};
            sampler.scheduleAtFixedRate(() -> sampleTimeline(clients, startNanos, sampled, http, metricsAtStart, previousCpu,
                            previousOwnCpu),
                    sampleMillis, sampleMillis, TimeUnit.MILLISECONDS);

            TimeUnit.NANOSECONDS.sleep(Math.max(0, endNanos - System.nanoTime()));
            TimeUnit.MILLISECONDS.sleep(GRACE_MILLIS);
        } finally {
            pacer.shutdownNow();
            sampler.shutdownNow();
            pacer.awaitTermination(2, TimeUnit.SECONDS);
            sampler.awaitTermination(2, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.sample();
        }
        double droppedAfter = ServerMetrics.droppedTotal(http, plan.metricsUrl());
        List<StreamClient.Phase> phasesAtEnd = new ArrayList<>();
        for (StreamClient client : clients) {
            phasesAtEnd.add(client.phase());
        }
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (StreamClient client : clients) {
            closing.add(client.close());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
            // sockets that did not close in time were aborted
        }
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        double loadgenCpu = (ownCpuNanos() - ownCpuStart) / 1e9 / wallSeconds * 100.0;
        return report(clients, phasesAtEnd, droppedBefore, droppedAfter, server, loadgenCpu, wallSeconds);
    }

    private List<StreamClient> createClients() {
        SplittableRandom random = new SplittableRandom(plan.seed());
        List<StreamClient> clients = new ArrayList<>(plan.streams());
        long loopBytes = audio.lengthBytes();
        for (int i = 0; i < plan.streams(); i++) {
            long startByte = random.nextLong(loopBytes / 2) * 2;
            clients.add(new StreamClient(i, audio, startByte, plan.sampleRateHz(), plan.frameSamples(),
                    plan.maxFramesPerStream()));
        }
        return clients;
    }

    private LoadReport report(List<StreamClient> clients, List<StreamClient.Phase> phasesAtEnd, double droppedBefore,
                              double droppedAfter, ProcessSampler server, double loadgenCpu, double wallSeconds) {
        int opened = 0;
        int failed = 0;
        int closedEarly = 0;
        java.util.Map<String, Integer> problems = new java.util.LinkedHashMap<>();
        double audioSeconds = 0;
        long hops = 0;
        long incidents = 0;
        long dropped = 0;
        long unsent = 0;
        double windowSeconds = Double.POSITIVE_INFINITY;
        double hopSeconds = Double.POSITIVE_INFINITY;
        double announcedWindow = Double.NaN;
        double announcedHop = Double.NaN;
        LongSamples all = new LongSamples();
        LongSamples steady = new LongSamples();
        for (int i = 0; i < clients.size(); i++) {
            StreamClient client = clients.get(i);
            StreamClient.Phase phase = phasesAtEnd.get(i);
            if (client.sentSeconds() > 0 || phase == StreamClient.Phase.OPEN) {
                opened++;
            }
            if (phase == StreamClient.Phase.FAILED || phase == StreamClient.Phase.CONNECTING
                    || phase == StreamClient.Phase.WAITING) {
                failed++;
                problems.merge(client.failure() != null ? withoutStreamNumber(client.failure()) : "never opened", 1, Integer::sum);
            } else if (phase == StreamClient.Phase.CLOSED) {
                closedEarly++;
                problems.merge("closed by the server: " + client.closeStatus() + " " + client.closeReason(), 1, Integer::sum);
            }
            audioSeconds += client.sentSeconds();
            hops += client.hopsReceived();
            incidents += client.incidentMessages();
            dropped += client.droppedReported();
            unsent += client.hopsForUnsentAudio();
            if (!Double.isNaN(client.announcedWindowSeconds()) && !Double.isNaN(client.announcedHopSeconds())) {
                announcedWindow = client.announcedWindowSeconds();
                announcedHop = client.announcedHopSeconds();
            }
            if (!Double.isNaN(client.firstHopSeconds())) {
                windowSeconds = Math.min(windowSeconds, client.firstHopSeconds());
            }
            hopSeconds = Math.min(hopSeconds, client.minHopDeltaSeconds());
            client.drainLatencies(all, steady);
        }
        if (!Double.isNaN(announcedWindow)) {
            // the server's "ready" message beats what the hop times suggest
            windowSeconds = announcedWindow;
            hopSeconds = announcedHop;
        }
        if (!Double.isNaN(givenWindowSeconds)) {
            windowSeconds = givenWindowSeconds;
        }
        if (!Double.isNaN(givenHopSeconds)) {
            hopSeconds = givenHopSeconds;
        }
        String firstProblem = problems.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(3)
                .map(e -> e.getValue() + "x " + e.getKey())
                .collect(java.util.stream.Collectors.joining("; "));
        long expected = -1;
        if (Double.isFinite(windowSeconds) && Double.isFinite(hopSeconds)) {
            expected = 0;
            for (StreamClient client : clients) {
                expected += HopCounting.expectedHops(client.sentSeconds(), windowSeconds, hopSeconds, LOOKAHEAD_SECONDS);
            }
        }
        double droppedMetrics = Double.isNaN(droppedBefore) || Double.isNaN(droppedAfter)
                ? droppedAfter : droppedAfter - droppedBefore;
        return new LoadReport(clients.size(), opened, failed, closedEarly, firstProblem, audioSeconds, hops, expected,
                Double.isFinite(windowSeconds) ? windowSeconds : Double.NaN,
                Double.isFinite(hopSeconds) ? hopSeconds : Double.NaN,
                incidents, dropped, droppedMetrics, unsent,
                LatencyStats.ofMicros(all.array(), all.size()), LatencyStats.ofMicros(steady.array(), steady.size()),
                server == null ? Double.NaN : server.meanCpuPercent(),
                server == null ? Double.NaN : server.maxIntervalCpuPercent(),
                server == null ? -1 : server.maxRssBytes(), loadgenCpu, wallSeconds);
    }

    /** "stream 12 connect: X" -> "connect: X", so that equal problems of different streams count together. */
    static String withoutStreamNumber(String failure) {
        return failure.replaceFirst("^stream \\d+ ", "");
    }

    private void printProgress(List<StreamClient> clients, long startNanos) {
        int open = 0;
        long hops = 0;
        for (StreamClient client : clients) {
            if (client.phase() == StreamClient.Phase.OPEN) {
                open++;
            }
            hops += client.hopsReceived();
        }
        progress.printf(Locale.ROOT, "[%5.1f s] %d/%d streams open, %d hop messages%n",
                (System.nanoTime() - startNanos) / 1e9, open, clients.size(), hops);
    }

    private static long ownCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
