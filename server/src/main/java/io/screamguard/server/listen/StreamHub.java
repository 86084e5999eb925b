package io.screamguard.server.listen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.screamguard.server.alert.Alarms;
import io.screamguard.server.config.ConfigException;
import io.screamguard.server.events.EventLog;
import io.screamguard.server.location.LocationResolver;
import io.screamguard.server.scoring.ModelInfo;
import io.screamguard.server.scoring.Scoring;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns the live streams: admits sessions up to MAX_STREAMS and while the scoring keeps up (a socket counts from its connection,
 * hello or not; sockets without a hello within the hello timeout, or without audio for the idle
 * timeout, are closed so they free their slot), runs their scoring on a shared, fixed pool of
 * worker threads (one hop per turn, in turn: round robin), and holds the meters. Knows nothing of
 * Javalin. Thread-safe.
 */
public final class StreamHub implements AutoCloseable {
    private final Scoring scoring;
    private final EventLog events;
    private final LocationResolver locations;
    private final ObjectMapper json;
    private final Clock clock;
    private final double queueSeconds;
    private final int maxStreams;
    private final Alarms alarms;
    private final ExecutorService workers;
    private final AtomicInteger active = new AtomicInteger();
    private final ClipMemory clipMemory;
    /** See {@link #waitPermits()}. */
    private final java.util.concurrent.Semaphore waitPermits = new java.util.concurrent.Semaphore(MAX_WAITING_READERS);
    /** I/O threads that may wait for room at once (Jetty's pool has about 200). */
    static final int MAX_WAITING_READERS = 16;
    private final Limits limits;
    /** Worker turns waiting for a scoring thread, oldest first (see {@link #scoringBacklogSeconds()}). */
    private final java.util.concurrent.LinkedBlockingQueue<Runnable> turns = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.Set<LiveSession> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService sweeper;
    final Counter windowsScored;
    final Counter droppedWindows;
    final Counter incidents;
    final Counter skippedMessages;
    final Timer scoringLatency;
    final Timer decisionLatency;
    final DistributionSummary queuedSeconds;
    final Counter idleClosed;
    private final Counter refusedAtLimit;
    private final Counter refusedBehind;

    /**
     * @param scoring      opens a scorer per stream
     * @param events       the event log (incidents and session summaries)
     * @param locations    browser / IP / none
     * @param json         mapper for outgoing messages (snake_case)
     * @param clock        event timestamps
     * @param workerCount  scoring threads
     * @param queueSeconds audio per stream allowed to wait before frames are dropped
     * @param maxStreams   concurrent streams admitted
     * @param registry     meters
     */
    public StreamHub(Scoring scoring, EventLog events, LocationResolver locations, ObjectMapper json, Clock clock,
                     int workerCount, double queueSeconds, int maxStreams, MeterRegistry registry) {
        this(scoring, events, locations, json, clock, workerCount, queueSeconds, maxStreams, registry, Alarms.NONE);
    }

    /**
     * As above, with the alerting that opens a cancel countdown for every confirmed incident.
     *
     * @param alarms the alerting ({@link Alarms#NONE} for none)
     */
    public StreamHub(Scoring scoring, EventLog events, LocationResolver locations, ObjectMapper json, Clock clock,
                     int workerCount, double queueSeconds, int maxStreams, MeterRegistry registry, Alarms alarms) {
        this(scoring, events, locations, json, clock, workerCount, queueSeconds, maxStreams, registry, alarms,
                Limits.DEFAULT);
    }

    /**
     * As above, with the timeouts that close idle sockets and the scoring backlog that refuses new streams.
     *
     * @param limits hello and audio idle timeouts, and the backlog beyond which new streams are refused
     */
    public StreamHub(Scoring scoring, EventLog events, LocationResolver locations, ObjectMapper json, Clock clock,
                     int workerCount, double queueSeconds, int maxStreams, MeterRegistry registry, Alarms alarms,
                     Limits limits) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be >= 1, got " + workerCount);
        }
        requireQueueSeconds(queueSeconds, scoring.model());
        this.scoring = scoring;
        this.events = events;
        this.locations = locations;
        this.json = json;
        this.clock = clock;
        this.queueSeconds = queueSeconds;
        this.maxStreams = maxStreams;
        this.alarms = alarms;
        this.limits = limits;
        AtomicInteger n = new AtomicInteger();
        this.workers = new java.util.concurrent.ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS,
                turns, r -> {
                    Thread t = new Thread(r, "stream-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        Gauge.builder("screamguard_active_streams", active, AtomicInteger::get)
                .description("live streams open").register(registry);
        this.windowsScored = Counter.builder("screamguard_windows_scored").tag("source", "live")
                .description("windows scored").register(registry);
        this.droppedWindows = Counter.builder("screamguard_dropped_windows")
                .description("windows of live audio dropped because a stream sent faster than it was scored")
                .register(registry);
        this.incidents = Counter.builder("screamguard_incidents").tag("source", "live")
                .description("incidents detected").register(registry);
        this.skippedMessages = Counter.builder("screamguard_stream_messages_skipped")
                .description("hop messages not sent because the client was not reading").register(registry);
        this.scoringLatency = Timer.builder("screamguard_scoring_latency")
                .description("time to score one received live frame (decode, features, model, detector)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(5)).tag("source", "live").register(registry);
        this.decisionLatency = Timer.builder("screamguard_decision_latency")
                .description("from a frame's arrival to the hop message it completed")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        this.queuedSeconds = DistributionSummary.builder("screamguard_stream_queue_seconds")
                .description("audio waiting in a stream's queue when a frame arrives").register(registry);
        this.idleClosed = Counter.builder("screamguard_streams_closed_idle")
                .description("stream sockets closed for sending no hello or no audio in time").register(registry);
        this.refusedAtLimit = Counter.builder("screamguard_streams_refused").tag("reason", "max_streams")
                .description("stream sockets refused with 1013").register(registry);
        this.refusedBehind = Counter.builder("screamguard_streams_refused").tag("reason", "scoring_behind")
                .description("stream sockets refused with 1013").register(registry);
        Gauge.builder("screamguard_scoring_backlog_seconds", this, StreamHub::scoringBacklogSeconds)
                .description("how long the oldest live hop waiting for a scoring thread has waited").register(registry);
        Counter clipsCutShort = Counter.builder("screamguard_clips_cut_short")
                .description("incident clips cut short or not recorded because all streams' clips together"
                        + " reached their memory bound (an eighth of the heap)").register(registry);
        this.clipMemory = ClipMemory.forHeap(Runtime.getRuntime().maxMemory(), clipsCutShort::increment);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-idle-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(1000, limits.shortestMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * How long a socket may wait for its hello, and a stream for audio, before it is closed; and how
     * far behind the scoring may be before new streams are refused.
     *
     * @param helloSeconds        from the connection to a valid hello (STREAM_HELLO_TIMEOUT_SECONDS)
     * @param idleSeconds         without audio after the hello or the last audio (STREAM_IDLE_TIMEOUT_SECONDS)
     * @param admitBacklogSeconds a new stream is refused with 1013 while the oldest hop waiting for a
     *                            scoring thread has waited longer than this (STREAM_ADMIT_BACKLOG_SECONDS)
     */
    public record Limits(double helloSeconds, double idleSeconds, double admitBacklogSeconds) {
        /** 10 s for the hello, 30 s without audio, new streams refused beyond 0.5 s of scoring backlog. */
        public static final Limits DEFAULT = new Limits(10, 30, 0.5);

        public Limits {
            if (!(helloSeconds > 0) || !(idleSeconds > 0)) {
                throw new IllegalArgumentException("stream timeouts must be > 0 s, got hello " + helloSeconds
                        + ", idle " + idleSeconds);
            }
            if (!(admitBacklogSeconds > 0)) {
                throw new IllegalArgumentException("the admission backlog must be > 0 s, got " + admitBacklogSeconds);
            }
        }

        long shortestMillis() {
            return (long) (Math.min(helloSeconds, idleSeconds) * 1000);
        }
    }

    /** Closes sockets that sent no hello, or no audio, in time (sweeper thread). */
    private void closeIdle() {
        long now = System.nanoTime();
        long hello = (long) (limits.helloSeconds() * 1e9);
        long idle = (long) (limits.idleSeconds() * 1e9);
        for (LiveSession s : open) {
            try {
                if (s.closeIfIdle(now, hello, idle)) {
                    idleClosed.increment();
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(StreamHub.class).warn("closing an idle stream failed: {}", e.toString());
            }
        }
    }

    /**
     * Refuses a STREAM_QUEUE_SECONDS below one window plus one hop of the model: a smaller backlog
     * could shed every run before it completes a window, and the stream would get no decision.
     *
     * @throws ConfigException naming the setting, the value and the minimum
     */
    public static void requireQueueSeconds(double queueSeconds, ModelInfo model) {
        double minimum = model.windowSeconds() + model.hopSeconds();
        if (queueSeconds < minimum - 1e-9) {
            throw new ConfigException("STREAM_QUEUE_SECONDS must be at least one window plus one hop of the model ("
                    + model.windowSeconds() + " + " + model.hopSeconds() + " = " + minimum + " s for model "
                    + model.version() + "), got " + queueSeconds + "; set STREAM_QUEUE_SECONDS=" + minimum + " or more");
        }
    }

    /**
     * Admits a new stream, or closes the peer with 1013 (try again later) when MAX_STREAMS are open
     * or when the scoring is behind: a server that cannot keep up with the streams it has would
     * otherwise take a stream it cannot serve and make every stream late (with 2000 streams on two
     * cores, a quarter of the decisions were made, each a second late). The streams already open
     * keep their place; a refused page retries with backoff.
     *
     * @return the session, or null when refused
     */
    LiveSession connect(StreamPeer peer, ClientInfo client) {
        if (active.incrementAndGet() > maxStreams) {
            active.decrementAndGet();
            refusedAtLimit.increment();
            peer.close(CloseCodes.TRY_AGAIN_LATER, "the server is at its limit of " + maxStreams
                    + " live streams (MAX_STREAMS); try again later");
            return null;
        }
        double behind = scoringBacklogSeconds();
        if (behind > limits.admitBacklogSeconds()) {
            active.decrementAndGet();
            refusedBehind.increment();
            peer.close(CloseCodes.TRY_AGAIN_LATER, String.format(java.util.Locale.ROOT,
                    "the server is at capacity: its scoring is %.1f s behind the streams it has; try again later",
                    behind));
            return null;
        }
        LiveSession session = new LiveSession(this, peer, client);
        open.add(session);
        return session;
    }

    /** The session has finished (its slot is free again). */
    void ended(LiveSession session) {
        if (open.remove(session)) {
            active.decrementAndGet();
        }
    }

    /**
     * A graceful stop begins: every open stream gets a close frame 1001 "server shutting down"
     * (its audio so far is scored and summarised as the socket closes).
     */
    public void goingAway() {
        for (LiveSession s : open) {
            s.goingAway();
        }
    }

    /**
     * Seconds the oldest hop waiting for a scoring thread has waited (0 when none waits): each
     * stream with a hop ready has one turn queued, so this is how far the workers are behind the
     * streams' audio. A client replaying faster than real time has one turn at a time too, so it
     * does not count as the server being behind.
     */
    double scoringBacklogSeconds() {
        return turns.peek() instanceof Turn t ? Math.max(0, (System.nanoTime() - t.queuedNanos()) / 1e9) : 0;
    }

    /** One turn of a session on a worker: score one hop (see {@link LiveSession#drain()}). */
    private record Turn(LiveSession session, long queuedNanos) implements Runnable {
        @Override
        public void run() {
            session.drain();
        }
    }

    /** Runs the session's drain on a worker; during shutdown the session is finished on the caller instead. */
    void schedule(LiveSession session) {
        try {
            workers.execute(new Turn(session, System.nanoTime()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            session.abandon();
        }
    }

    String toJson(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message, e);
        }
    }

    ObjectMapper json() {
        return json;
    }

    Scoring scoring() {
        return scoring;
    }

    EventLog events() {
        return events;
    }

    LocationResolver locations() {
        return locations;
    }

    Clock clock() {
        return clock;
    }

    Alarms alarms() {
        return alarms;
    }

    /** The memory all streams' incident clips share. */
    ClipMemory clipMemory() {
        return clipMemory;
    }

    /**
     * I/O threads that may wait at once for room in a fast client's buffer (backpressure): a few,
     * so clients sending faster than real time cannot hold Jetty's thread pool; beyond them such a
     * client's oldest audio is shed instead.
     */
    java.util.concurrent.Semaphore waitPermits() {
        return waitPermits;
    }

    double queueSeconds() {
        return queueSeconds;
    }

    /** Waits (at most the timeout) until no stream is open; true when none is. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return active.get() == 0;
    }

    /** Live streams open now. */
    public int activeStreams() {
        return active.get();
    }

    /** Stops the workers after the queued work (bounded wait). */
    @Override
    public void close() {
        sweeper.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
