package io.screamguard.server.listen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.alert.Alarms;
import io.screamguard.server.alert.LiveIncident;
import io.screamguard.server.events.AlertStatus;
import io.screamguard.server.events.DeviceInfo;
import io.screamguard.server.events.EventRecord;
import io.screamguard.server.events.EventSource;
import io.screamguard.server.events.EventType;
import io.screamguard.server.events.FeatureVector;
import io.screamguard.server.events.TimelineSummary;
import io.screamguard.server.location.Location;
import io.screamguard.server.scoring.HopScore;
import io.screamguard.server.scoring.IncidentSummary;
import io.screamguard.server.scoring.ModelInfo;
import io.screamguard.server.scoring.StreamFormat;
import io.screamguard.server.scoring.StreamListener;
import io.screamguard.server.scoring.StreamScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live stream. The I/O thread calls {@link #onText}, {@link #onBinary} and {@link #onClosed};
 * they only validate and enqueue. {@link #drain} runs on a worker, never on two at once (the
 * {@code scheduled} flag), and is the only code that touches the scorer and the statistics.
 */
final class LiveSession implements StreamListener {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);
    /** Chunks scored per turn before the worker yields to other streams. */
    private static final int CHUNKS_PER_TURN = 32;
    /**
     * What one queue entry costs beyond its audio (the entry, its reference, the array header),
     * charged against the byte bound so a flood of tiny messages cannot grow the heap.
     */
    static final int ENTRY_OVERHEAD_BYTES = 256;

    private final StreamHub hub;
    private final StreamPeer peer;
    private final ClientInfo client;
    private final ModelInfo model;

    // I/O-thread state (and visibility to workers through the queue / volatile fields).
    private volatile StreamFormat format;
    private volatile StreamScorer scorer;
    private volatile boolean failed;
    private volatile boolean closing;
    private volatile Location browserLocation;
    /** The person's time zone from the hello (alert messages give the time in it). */
    private volatile java.time.ZoneId timeZone = java.time.ZoneOffset.UTC;
    private long maxQueuedBytes;
    /** Queued audio older than this (wall time) means the workers are behind: shed (I/O thread only). */
    private long maxWaitNanos;
    /** Bytes of a sample frame not yet complete (I/O thread only): queued chunks hold whole frames. */
    private byte[] carry = new byte[0];
    /** Overloaded: incoming audio is dropped until the backlog has been scored (I/O thread only). */
    private boolean shedding;
    /**
     * Sample frames dropped while shedding and not yet handed to the worker (I/O thread only):
     * they ride on the next accepted chunk (or one entry at close), never one entry per message.
     */
    private long shedFrames;

    private final ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
    /** Payload bytes waiting in the queue plus {@link #ENTRY_OVERHEAD_BYTES} per entry. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    // Worker-only state.
    private boolean finished;
    private long currentArrivalNanos;
    private long windows;
    private long quietWindows;
    private long aboveThreshold;
    private double probabilitySum;
    private double lastEndSeconds;
    private double peakProbability;
    private float[] peakFeatures = new float[0];
    private double sinceIncidentPeak = -1;
    private float[] sinceIncidentFeatures = new float[0];
    private final List<IncidentSummary> incidents = new ArrayList<>();
    /**
     * Running totals after each recent hop, so an incident's own mean probability and the windows
     * dropped during it are differences of two marks. Kept back to the open incident's start, or
     * the last {@value #RECENT_MARKS} hops when none is open.
     */
    private final java.util.ArrayDeque<HopMark> marks = new java.util.ArrayDeque<>();
    private static final int RECENT_MARKS = 64;
    /** Seconds of probability trace before and after an incident's confirmation (its incident page draws them). */
    static final double TRACE_BEFORE_SECONDS = 30;
    static final double TRACE_AFTER_SECONDS = 10;
    private final ProbabilityTrace trace = new ProbabilityTrace(TRACE_BEFORE_SECONDS + TRACE_AFTER_SECONDS + 1);
    /** The confirmed incident whose trace is still being collected (until 10 s after), or null. */
    private String traceIncidentId;
    private double traceAtSeconds;

    /** Start (audio seconds) of the incident now open, or NaN. */
    private double openIncidentStartSeconds = Double.NaN;
    /** The event id of the incident now open (named in its countdown), or null. */
    private String openIncidentId;
    private long reportedDroppedWindows;
    private long droppedFrames;
    private long skipFramesPending;
    /** The audio around a confirmed incident (signed-in streams only), or null. Worker thread. */
    private ClipRecorder clips;

    LiveSession(StreamHub hub, StreamPeer peer, ClientInfo client) {
        this.hub = hub;
        this.peer = peer;
        this.client = client;
        this.model = hub.scoring().model();
    }

    /** A text message: the hello first, then location updates. I/O thread. */
    void onText(String text) {
        if (failed) {
            return;
        }
        JsonNode node;
        try {
            node = hub.json().readTree(text);
        } catch (JsonProcessingException e) {
            fail(CloseCodes.POLICY_VIOLATION, "message is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        if (node == null || !node.isObject()) {
            fail(CloseCodes.POLICY_VIOLATION, "messages must be JSON objects, got " + text);
            return;
        }
        String type = node.path("type").asText("");
        try {
            if (format == null) {
                if (!type.isEmpty() && !"hello".equals(type)) {
                    fail(CloseCodes.POLICY_VIOLATION, "the first message must be the hello, got type \"" + type + "\"");
                    return;
                }
                StreamFormat f = StreamProtocol.parseHello(node);
                timeZone = StreamProtocol.parseTimeZone(node);
                start(f);
            } else if ("location".equals(type)) {
                browserLocation = StreamProtocol.parseLocation(node);
                hub.locations().withAddress(browserLocation); // warms the reverse-geocoding cache (never blocks)
                if (client.userId() != null) {
                    // incident pages follow it; the address comes when reverse geocoding already knows it
                    hub.alarms().positionUpdate(client.userId(), hub.locations().withAddress(browserLocation));
                }
            } else if ("cancel".equals(type)) {
                JsonNode pin = node.get("pin");
                cancelCountdowns(pin == null || pin.isNull() ? null : pin.asText());
            } else {
                fail(CloseCodes.POLICY_VIOLATION, "unknown message type \"" + type
                        + "\" (expected \"location\" or \"cancel\")");
            }
        } catch (IllegalArgumentException e) {
            fail(CloseCodes.POLICY_VIOLATION, e.getMessage());
        }
    }

    private void start(StreamFormat f) {
        // at least one window and one hop (StreamHub refuses less), so every accepted run yields a decision
        double queueSeconds = hub.queueSeconds();
        this.maxQueuedBytes = Math.max(f.frameBytes(), (long) (queueSeconds * f.bytesPerSecond()));
        this.maxWaitNanos = (long) (queueSeconds * 1e9);
        this.scorer = hub.scoring().openStream(f, this);
        if (client.userId() != null) {
            this.clips = new ClipRecorder(f, (incidentId, wav) -> hub.alarms().incidentClip(client.userId(), incidentId, wav));
        }
        hub.locations().resolve(Optional.empty(), client.ipAddress()); // warms an IP-geolocation cache (never blocks)
        this.format = f;
        peer.send(hub.toJson(new StreamMessages.Ready("ready", client.sessionId(), model.version(),
                model.thresholdProbability(), model.hopSeconds(), model.windowSeconds(), queueSeconds)));
    }

    /** A binary frame of PCM. I/O thread. */
    void onBinary(byte[] data) {
        if (failed) {
            return;
        }
        StreamFormat f = format;
        if (f == null) {
            fail(CloseCodes.POLICY_VIOLATION, "binary audio before the hello; send {\"sampleRate\",\"encoding\",\"channels\"} first");
            return;
        }
        if (f.encoding() == StreamFormat.Encoding.F32LE && data.length % 4 != 0) {
            fail(CloseCodes.UNSUPPORTED_DATA, "f32le frames must hold whole 4-byte samples, got " + data.length + " bytes");
            return;
        }
        long now = System.nanoTime();
        byte[] frames = wholeFrames(data, f.frameBytes());
        if (frames.length == 0) {
            return;
        }
        long waiting = queuedBytes.get();
        if (shedding && waiting == 0) {
            shedding = false; // the backlog is scored: accept a new contiguous run
        }
        if (!shedding && waiting > 0 && (waiting + frames.length > maxQueuedBytes || oldestWaitNanos(now) > maxWaitNanos)) {
            shedding = true;
        }
        long frameCount = frames.length / f.frameBytes();
        if (shedding) {
            shedFrames += frameCount; // dropped: counted here, skipped by the worker before the next accepted chunk
            return;
        }
        hub.queuedSeconds.record((waiting + frames.length) / f.bytesPerSecond());
        queuedBytes.addAndGet(frames.length + ENTRY_OVERHEAD_BYTES);
        queue.add(new Chunk(frames, frameCount, shedFrames, now));
        shedFrames = 0;
        schedule();
    }

    /** Entries waiting in the queue (tests: the memory bound). */
    int queuedEntries() {
        return queue.size();
    }

    /**
     * The whole sample frames available after this message (a frame split across messages is
     * completed from the carry); the bytes of an incomplete last frame are carried to the next.
     */
    private byte[] wholeFrames(byte[] data, int frameBytes) {
        int total = carry.length + data.length;
        int whole = total - total % frameBytes;
        if (carry.length == 0 && whole == data.length) {
            return data;
        }
        byte[] joined = new byte[total];
        System.arraycopy(carry, 0, joined, 0, carry.length);
        System.arraycopy(data, 0, joined, carry.length, data.length);
        carry = java.util.Arrays.copyOfRange(joined, whole, total);
        return whole == total ? joined : java.util.Arrays.copyOf(joined, whole);
    }

    /** How long the oldest queued audio has waited (0 when none): the workers' delay for this stream. */
    private long oldestWaitNanos(long now) {
        Chunk head = queue.peek();
        return head == null ? 0 : now - head.arrivalNanos();
    }

    /** The socket closed (either side). I/O thread. */
    void onClosed() {
        if (shedFrames > 0) {
            queue.add(new Chunk((byte[]) null, 0, shedFrames, System.nanoTime())); // audio dropped at the end: count it
            shedFrames = 0;
        }
        closing = true;
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            hub.schedule(this);
        }
    }

    private void fail(int code, String reason) {
        failed = true;
        LOG.debug("closing stream {}: {} {}", client.sessionId(), code, reason);
        peer.close(code, reason);
    }

    /** Scores queued chunks. Worker thread; never concurrently for one session. */
    void drain() {
        try {
            Chunk c;
            int turn = 0;
            while (turn++ < CHUNKS_PER_TURN && (c = queue.poll()) != null) {
                byte[] payload = c.payload().getAndSet(null);
                queuedBytes.addAndGet(-(payload == null ? 0 : payload.length) - ENTRY_OVERHEAD_BYTES);
                if (failed || finished) {
                    continue;
                }
                if (c.droppedFramesBefore() > 0) {
                    skipFramesPending += c.droppedFramesBefore();
                    droppedFrames += c.droppedFramesBefore();
                    countDropped();
                }
                if (payload != null) {
                    score(payload, c.arrivalNanos());
                }
            }
            if (closing && queue.isEmpty() && !finished) {
                finish();
            }
        } catch (RuntimeException e) {
            LOG.error("stream {} failed", client.sessionId(), e);
            fail(CloseCodes.SERVER_ERROR, "the server failed to score this stream");
            queue.clear();
            if (!finished) {
                finish();
            }
        } finally {
            scheduled.set(false);
        }
        if ((!queue.isEmpty() || (closing && !finished)) && scheduled.compareAndSet(false, true)) {
            hub.schedule(this);
        }
    }

    /**
     * The server is shutting down and no worker will run: drop what is queued and write the
     * summary. Called by the holder of the {@code scheduled} token, so never concurrently with drain.
     */
    void abandon() {
        try {
            queue.clear();
            queuedBytes.set(0);
            if (!finished) {
                finish();
            }
        } finally {
            scheduled.set(false);
        }
    }

    private void score(byte[] payload, long arrivalNanos) {
        currentArrivalNanos = arrivalNanos;
        if (skipFramesPending > 0) {
            long frames = skipFramesPending;
            skipFramesPending = 0;
            if (!skip(frames)) {
                return;
            }
        }
        long t0 = System.nanoTime();
        feed(payload);
        hub.scoringLatency.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    private boolean skip(long frames) {
        try {
            scorer.skipFrames(frames);
            if (clips != null) {
                clips.skipFrames(frames);
            }
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("stream {}: cannot skip {} dropped frames: {}", client.sessionId(), frames, e.getMessage());
            fail(CloseCodes.SERVER_ERROR, "the server could not resynchronise the stream after dropping audio");
            return false;
        }
    }

    private void feed(byte[] payload) {
        try {
            if (clips != null) {
                clips.accept(payload, 0, payload.length); // first: an incident confirmed by this audio clips it too
            }
            scorer.accept(payload, 0, payload.length);
        } catch (IllegalArgumentException e) {
            fail(CloseCodes.UNSUPPORTED_DATA, "invalid audio: " + e.getMessage());
            queue.clear();
            queuedBytes.set(0);
        }
    }

    /** Adds newly dropped windows to the meter; returns the total so far. Worker thread. */
    private long countDropped() {
        long dropped = droppedWindows();
        if (dropped > reportedDroppedWindows) {
            hub.droppedWindows.increment(dropped - reportedDroppedWindows);
            reportedDroppedWindows = dropped;
        }
        return dropped;
    }

    private long droppedWindows() {
        StreamFormat f = format;
        if (f == null) {
            return 0;
        }
        double seconds = droppedFrames / (double) f.sampleRateHz();
        return (long) Math.floor(seconds / model.hopSeconds());
    }

    @Override
    public void onHop(HopScore hop) {
        windows++;
        hub.windowsScored.increment();
        boolean quiet = "quiet".equals(hop.state());
        double threshold = hub.scoring().tuning().thresholdProbability(); // the threshold in force now
        if (quiet) {
            quietWindows++;
        } else {
            probabilitySum += hop.probability();
            if (hop.probability() >= threshold) {
                aboveThreshold++;
            }
        }
        lastEndSeconds = hop.endSeconds();
        if (hop.probability() > peakProbability || windows == 1) {
            peakProbability = Math.max(peakProbability, hop.probability());
            if (hop.features() != null && hop.features().length > 0) {
                peakFeatures = hop.features().clone();
            }
        }
        if (!quiet && hop.probability() > sinceIncidentPeak && hop.features() != null && hop.features().length > 0) {
            sinceIncidentPeak = hop.probability();
            sinceIncidentFeatures = hop.features().clone();
        }
        trace.add(hop.endSeconds(), hop.probability());
        if (traceIncidentId != null && hop.endSeconds() >= traceAtSeconds + TRACE_AFTER_SECONDS) {
            sendTrace();
        }
        long dropped = countDropped();
        mark(hop.endSeconds(), dropped);
        if (!failed && !peer.send(hub.toJson(new StreamMessages.Hop("hop", hop.endSeconds(), hop.probability(),
                hop.rms(), hop.state(), dropped, threshold)))) {
            hub.skippedMessages.increment();
        }
        hub.decisionLatency.record(System.nanoTime() - currentArrivalNanos, TimeUnit.NANOSECONDS);
    }

    private void mark(double endSeconds, long droppedWindowsSoFar) {
        marks.addLast(new HopMark(endSeconds, probabilitySum, windows - quietWindows, droppedWindowsSoFar));
        // keep the mark just before the open incident's first window as the baseline
        double keepFrom = Double.isNaN(openIncidentStartSeconds) ? Double.POSITIVE_INFINITY
                : firstWindowEndSeconds(openIncidentStartSeconds);
        while (marks.size() > RECENT_MARKS) {
            java.util.Iterator<HopMark> it = marks.iterator();
            it.next();
            if (it.next().endSeconds() >= keepFrom) {
                break;
            }
            marks.removeFirst();
        }
    }

    /** The end of the first window that lies inside an incident starting at this time (minus a rounding margin). */
    private double firstWindowEndSeconds(double incidentStartSeconds) {
        return incidentStartSeconds + model.windowSeconds() - 1e-6;
    }

    /** The incident's own mean probability (scored windows inside it) and windows dropped during it. */
    private TimelineSummary incidentTimeline(IncidentSummary incident) {
        double from = firstWindowEndSeconds(incident.startSeconds());
        double to = incident.endSeconds() + 1e-6;
        HopMark before = new HopMark(0, 0, 0, 0);
        HopMark first = null;
        HopMark last = before;
        for (HopMark m : marks) {
            if (m.endSeconds() < from) {
                before = m;
            } else if (first == null && m.endSeconds() <= to) {
                first = m;
            }
            if (m.endSeconds() <= to) {
                last = m;
            }
        }
        long scored = last.scoredWindows() - before.scoredWindows();
        double mean = scored > 0 ? (last.probabilitySum() - before.probabilitySum()) / scored : incident.peakProbability();
        // audio skipped before the first window inside the incident lies before its start in stream time
        long dropped = first == null ? 0 : Math.max(0, last.droppedWindows() - first.droppedWindows());
        return new TimelineSummary(incident.endSeconds() - incident.startSeconds(), incident.windows(), 0,
                incident.windows(), mean, dropped, List.of(incident));
    }

    /** Totals after one hop: probability sum and count of scored windows, windows dropped so far. */
    private record HopMark(double endSeconds, double probabilitySum, long scoredWindows, long droppedWindows) {
    }

    @Override
    public void onIncidentStarted(double startSeconds, double detectedAtSeconds, double peakProbability) {
        openIncidentStartSeconds = startSeconds;
        openIncidentId = io.screamguard.server.events.EventLog.newEventId();
        if (!failed) {
            peer.send(hub.toJson(new StreamMessages.IncidentStarted("incident", "started", startSeconds,
                    detectedAtSeconds, peakProbability)));
        }
        if (client.userId() != null && !failed) {
            openCountdown(openIncidentId, peakProbability);
            if (traceIncidentId != null) {
                sendTrace(); // a second incident within 10 s: the first one's trace ends here
            }
            traceIncidentId = openIncidentId;
            traceAtSeconds = detectedAtSeconds;
            if (clips != null) {
                clips.incidentConfirmed(openIncidentId, startSeconds);
            }
        }
    }

    /** Hands the trace around the confirmed incident to the alerting (it saves it off this thread). */
    private void sendTrace() {
        hub.alarms().incidentTrace(client.userId(), traceIncidentId,
                trace.around(traceAtSeconds, TRACE_BEFORE_SECONDS, TRACE_AFTER_SECONDS));
        traceIncidentId = null;
    }

    /** Asks the alerting for a countdown and tells the client (never blocks: the alerting schedules it). */
    private void openCountdown(String incidentId, double peakProbability) {
        String who = client.userEmail() != null ? client.userEmail() : client.userId();
        int seconds = hub.alarms().incidentConfirmed(new LiveIncident(incidentId, client.userId(), who,
                client.sessionId(), Math.min(1, Math.max(0, peakProbability)), hub.clock().instant(), timeZone,
                () -> hub.locations().resolve(Optional.ofNullable(browserLocation), client.ipAddress()),
                message -> peer.send(hub.toJson(message))));
        if (seconds >= 0) {
            peer.send(hub.toJson(new StreamMessages.Countdown("countdown", incidentId, seconds)));
        }
    }

    /** {"type":"cancel"}: stops this stream's countdowns (the alerting confirms each on the stream). I/O thread. */
    private void cancelCountdowns(String pin) {
        if (client.userId() != null) {
            hub.alarms().cancelStream(client.userId(), client.sessionId(), pin);
        }
    }

    @Override
    public void onIncident(IncidentSummary incident) {
        incidents.add(incident);
        hub.incidents.increment();
        if (clips != null) {
            clips.incidentEnded(incident.endSeconds());
        }
        boolean alarmed = openIncidentId != null && client.userId() != null && hub.alarms() != Alarms.NONE;
        String id = openIncidentId != null ? openIncidentId : io.screamguard.server.events.EventLog.newEventId();
        String eventId = hub.events().recordLater(id, event(EventType.LIVE_INCIDENT, incident.peakProbability(), true,
                incidentTimeline(incident), sinceIncidentFeatures, alarmed ? AlertStatus.COUNTDOWN : AlertStatus.NONE));
        openIncidentId = null;
        openIncidentStartSeconds = Double.NaN;
        sinceIncidentPeak = -1;
        sinceIncidentFeatures = new float[0];
        if (!failed) {
            peer.send(hub.toJson(new StreamMessages.Incident("incident", "ended", incident.startSeconds(), incident.endSeconds(),
                    incident.peakProbability(), incident.windows(), eventId)));
        }
    }

    private void finish() {
        finished = true;
        try {
            if (scorer != null && !failed) {
                scorer.finish();
            }
        } catch (RuntimeException e) {
            LOG.warn("stream {}: finishing the scorer failed: {}", client.sessionId(), e.getMessage());
        } finally {
            if (traceIncidentId != null) {
                sendTrace(); // the stream ended within 10 s of the incident: the trace ends with it
            }
            if (clips != null) {
                clips.close(); // the stream ended within 10 s of the incident: the clip ends with it
            }
            if (scorer != null) {
                long scored = windows - quietWindows;
                hub.events().recordLater(event(EventType.LIVE_SESSION, peakProbability, !incidents.isEmpty(),
                        new TimelineSummary(lastEndSeconds, windows, quietWindows, aboveThreshold,
                                scored == 0 ? 0 : probabilitySum / scored, droppedWindows(), incidents), peakFeatures,
                        AlertStatus.NONE));
            }
            hub.ended();
        }
    }

    private EventRecord event(EventType type, double probability, boolean scream, TimelineSummary timeline,
                              float[] features, AlertStatus alert) {
        StreamFormat f = format;
        Location location = hub.locations().resolve(Optional.ofNullable(browserLocation), client.ipAddress());
        return new EventRecord(type, hub.clock().instant(),
                EventSource.live(client.sessionId(), f.sampleRateHz() + " Hz " + f.encoding().name().toLowerCase(java.util.Locale.ROOT)
                        + " x" + f.channels()),
                Math.min(1, Math.max(0, probability)), scream, hub.scoring().tuning().thresholdProbability(), timeline, location,
                new DeviceInfo(client.userAgent(), client.ipAddress(), client.acceptLanguage()), client.userId(),
                model.version(), new FeatureVector(features.length == 0 ? List.of() : model.featureNames(), features),
                alert, failed ? "stream closed on invalid input" : null);
    }

    /**
     * Whole sample frames waiting to be scored.
     *
     * @param payload             the PCM bytes, taken by the worker; null for the entry that only
     *                            counts audio dropped at the end of the stream
     * @param frames              sample frames in it
     * @param droppedFramesBefore sample frames dropped (shed) between the previous entry and this one
     * @param arrivalNanos        when its last bytes arrived ({@link System#nanoTime()})
     */
    private record Chunk(java.util.concurrent.atomic.AtomicReference<byte[]> payload, long frames,
                         long droppedFramesBefore, long arrivalNanos) {
        Chunk(byte[] bytes, long frames, long droppedFramesBefore, long arrivalNanos) {
            this(new java.util.concurrent.atomic.AtomicReference<>(bytes), frames, droppedFramesBefore, arrivalNanos);
        }
    }
}
