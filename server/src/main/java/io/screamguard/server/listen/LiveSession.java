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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live stream. The I/O thread calls {@link #onText}, {@link #onBinary} and {@link #onClosed};
 * they only validate and buffer ({@link PcmBuffer}: a client faster than the workers is slowed by
 * not reading its socket; audio is shed, in whole hops, only when the stream is behind real time).
 * {@link #drain} runs on a worker, never on two at once (the {@code scheduled} flag), scores ONE
 * hop per turn and then queues the stream behind the others (round robin: a stream sending faster
 * than real time gets a fair share of the workers, not all of them), and is the only code that
 * touches the scorer and the statistics.
 */
final class LiveSession implements StreamListener {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);

    private final StreamHub hub;
    private final StreamPeer peer;
    private final ClientInfo client;
    private final ModelInfo model;

    // I/O-thread state (visible to workers through the buffer's lock and volatile fields).
    private volatile StreamFormat format;
    private volatile StreamScorer scorer;
    private volatile boolean failed;
    private volatile boolean closing;
    /** The server closed a valid stream (idle, shutting down): not a client error. */
    private volatile boolean endedByServer;
    private volatile Location browserLocation;
    /** The person's time zone from the hello (alert messages give the time in it). */
    private volatile java.time.ZoneId timeZone = java.time.ZoneOffset.UTC;
    /** The audio waiting to be scored (set with the format, before it is published). */
    private volatile PcmBuffer buffer;
    /** When audio last arrived, or the hello when none has ({@link System#nanoTime()}); for the idle timeout. */
    private volatile long lastAudioNanos;
    private final long connectedNanos = System.nanoTime();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /**
     * Each worker's array for one hop of audio, taken from a stream's buffer into it and scored in
     * the same turn: no array per hop, and none kept per stream (2000 streams would keep 32 MB).
     */
    private static final ThreadLocal<byte[]> HOP_BYTES = ThreadLocal.withInitial(() -> new byte[0]);

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
    /** Hop-grid windows not scored because their audio was shed (gaps in {@code t}). Worker thread. */
    private long droppedWindows;
    /** The end of the last hop, or NaN before the first (the next is expected one hop later). */
    private double lastHopEnd = Double.NaN;
    /** The audio around a confirmed incident (signed-in streams with alerting only), or null. Worker thread. */
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
        int hopFrames = (int) Math.max(1, Math.round(model.hopSeconds() * f.sampleRateHz()));
        this.buffer = new PcmBuffer(f.frameBytes(), hopFrames, (long) (queueSeconds * f.bytesPerSecond()),
                (long) (queueSeconds * 1e9), f.bytesPerSecond(), hub.waitPermits());
        this.lastAudioNanos = System.nanoTime();
        this.scorer = hub.scoring().openStream(f, this);
        if (client.userId() != null && hub.alarms() != Alarms.NONE) { // no alerting, nowhere to keep a clip: no ring
            this.clips = new ClipRecorder(f, (incidentId, wav, done) -> hub.alarms().incidentClip(client.userId(), incidentId, wav, done),
                    hub.clipMemory());
        }
        hub.locations().resolve(Optional.empty(), client.ipAddress()); // warms an IP-geolocation cache (never blocks)
        this.format = f;
        peer.send(hub.toJson(new StreamMessages.Ready("ready", client.sessionId(), model.version(),
                model.thresholdProbability(), model.hopSeconds(), model.windowSeconds(), queueSeconds)));
    }

    /** A binary frame of PCM. I/O thread. */
    void onBinary(byte[] data) {
        onBinary(java.nio.ByteBuffer.wrap(data));
    }

    /**
     * A binary frame of PCM, read straight from the socket's buffer (its remaining bytes are copied
     * into the stream's {@link PcmBuffer} before this returns; no array per frame). I/O thread.
     */
    void onBinary(java.nio.ByteBuffer data) {
        if (failed) {
            return;
        }
        StreamFormat f = format;
        if (f == null) {
            fail(CloseCodes.POLICY_VIOLATION, "binary audio before the hello; send {\"sampleRate\",\"encoding\",\"channels\"} first");
            return;
        }
        int length = data.remaining();
        if (f.encoding() == StreamFormat.Encoding.F32LE && length % 4 != 0) {
            fail(CloseCodes.UNSUPPORTED_DATA, "f32le frames must hold whole 4-byte samples, got " + length + " bytes");
            return;
        }
        if (length == 0) {
            return;
        }
        if (f.encoding() == StreamFormat.Encoding.F32LE) {
            String bad = firstNonFiniteSample(data);
            if (bad != null) { // refused at once, not when its hop is scored
                fail(CloseCodes.UNSUPPORTED_DATA, "invalid audio: f32 sample is " + bad);
                return;
            }
        }
        lastAudioNanos = System.nanoTime();
        long waiting;
        try {
            waiting = buffer.append(data); // may wait: the socket is not read meanwhile (backpressure)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        hub.queuedSeconds.record(waiting / f.bytesPerSecond());
        if (buffer.hasHop()) {
            schedule();
        }
    }

    /** The first NaN or infinite float of a little-endian f32 message, or null when all are finite. */
    private static String firstNonFiniteSample(java.nio.ByteBuffer data) {
        java.nio.ByteBuffer b = data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = data.position(); i + 4 <= data.limit(); i += 4) {
            float v = b.getFloat(i);
            if (!Float.isFinite(v)) {
                return Float.toString(v);
            }
        }
        return null;
    }

    /** Whether this stream keeps audio for incident clips (tests: a stream without them keeps no ring). */
    boolean recordsClips() {
        return clips != null;
    }

    /** Bytes of audio waiting to be scored (tests: the memory bound). */
    long bufferedBytes() {
        PcmBuffer b = buffer;
        return b == null ? 0 : b.size();
    }

    /**
     * Closes the socket when no valid hello came within {@code helloNanos} of the connection, or
     * no audio within {@code idleNanos} after the hello or the last audio. Any thread.
     *
     * @return true when it closed the socket
     */
    boolean closeIfIdle(long nowNanos, long helloNanos, long idleNanos) {
        if (failed || closing || endedByServer) {
            return false;
        }
        if (format == null) {
            if (nowNanos - connectedNanos >= helloNanos) {
                fail(CloseCodes.POLICY_VIOLATION, "no valid hello within " + seconds(helloNanos)
                        + " s of connecting (STREAM_HELLO_TIMEOUT_SECONDS)");
                return true;
            }
        } else if (nowNanos - lastAudioNanos >= idleNanos) {
            endByServer(CloseCodes.POLICY_VIOLATION, "no audio for " + seconds(idleNanos)
                    + " s (STREAM_IDLE_TIMEOUT_SECONDS); connect again to stream");
            return true;
        }
        return false;
    }

    /** Closes a valid stream from the server's side (its audio so far is scored and summarised as usual). */
    private void endByServer(int code, String reason) {
        endedByServer = true;
        LOG.debug("closing stream {}: {} {}", client.sessionId(), code, reason);
        peer.close(code, reason);
    }

    private static String seconds(long nanos) {
        return new java.math.BigDecimal(nanos / 1e9).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** The socket closed (either side). I/O thread. */
    void onClosed() {
        closing = true;
        PcmBuffer b = buffer;
        if (b != null) {
            b.close();
        }
        schedule();
    }

    /** The server is stopping: the client gets 1001 with a reason instead of a dropped connection. Any thread. */
    void goingAway() {
        if (!failed && !endedByServer) {
            endByServer(CloseCodes.GOING_AWAY, "server shutting down");
        }
        PcmBuffer b = buffer;
        if (b != null) {
            b.close(); // an I/O thread waiting for room returns at once
        }
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

    /**
     * Scores one hop of buffered audio, then lets the other streams have the worker (the stream is
     * queued again behind them while it has more). Worker thread; never concurrently for one session.
     */
    void drain() {
        PcmBuffer b = buffer;
        try {
            if (b != null && !finished) {
                boolean ending = closing; // read before taking: audio that arrived before the close is scored
                byte[] hopBytes = HOP_BYTES.get();
                if (hopBytes.length < b.hopBytes()) {
                    hopBytes = new byte[b.hopBytes()];
                    HOP_BYTES.set(hopBytes);
                }
                PcmBuffer.Slice slice = b.take(ending, hopBytes); // scored before this turn ends, never kept
                if (slice != null && !failed) {
                    score(slice);
                }
                if (ending && slice == null && !finished) {
                    finish();
                }
            } else if (b == null && closing && !finished) {
                finish();
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // out of memory too: this stream ends and drops what it holds, the others go on (left
            // uncaught, it stopped the worker mid-turn and, the heap staying full, every stream with it)
            LOG.error("stream {} failed", client.sessionId(), e);
            fail(CloseCodes.SERVER_ERROR, "the server failed to score this stream");
            if (b != null) {
                b.clear();
            }
            if (!finished) {
                finish();
            }
        } finally {
            scheduled.set(false);
        }
        boolean more = !finished && ((b != null && b.hasHop()) || closing);
        if (more && scheduled.compareAndSet(false, true)) {
            hub.schedule(this);
        }
    }

    /**
     * The server is shutting down and no worker will run: drop what is queued and write the
     * summary. Called by the holder of the {@code scheduled} token, so never concurrently with drain.
     */
    void abandon() {
        try {
            PcmBuffer b = buffer;
            if (b != null) {
                b.clear();
            }
            if (!finished) {
                finish();
            }
        } finally {
            scheduled.set(false);
        }
    }

    private void score(PcmBuffer.Slice slice) {
        currentArrivalNanos = slice.completedNanos();
        if (slice.skipFrames() > 0 && !skip(slice.skipFrames())) {
            return;
        }
        if (slice.length() == 0) {
            return;
        }
        long t0 = System.nanoTime();
        feed(slice.bytes(), slice.length());
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

    private void feed(byte[] payload, int length) {
        try {
            if (clips != null) {
                clips.accept(payload, 0, length); // first: an incident confirmed by this audio clips it too
            }
            scorer.accept(payload, 0, length);
        } catch (IllegalArgumentException e) {
            fail(CloseCodes.UNSUPPORTED_DATA, "invalid audio: " + e.getMessage());
            buffer.clear();
        }
    }

    /**
     * Counts the hop-grid windows skipped before this one (audio was shed in whole hops, so a gap
     * in {@code t} is a whole number of hops) in the stream's total and the meter at the same
     * moment the hop message carries the total: the client's count and the server's agree.
     * Worker thread.
     */
    private long countDropped(double endSeconds) {
        double expected = Double.isNaN(lastHopEnd) ? model.windowSeconds() : lastHopEnd + model.hopSeconds();
        long gap = Math.round((endSeconds - expected) / model.hopSeconds());
        lastHopEnd = endSeconds;
        if (gap > 0) {
            droppedWindows += gap;
            hub.droppedWindows.increment(gap);
        }
        return droppedWindows;
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
        long dropped = countDropped(hop.endSeconds());
        mark(hop.endSeconds(), dropped);
        if (!failed && !peer.send(HopMessage.json(hop.endSeconds(), hop.probability(), hop.rms(), hop.state(),
                dropped, threshold))) {
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
                                scored == 0 ? 0 : probabilitySum / scored, droppedWindows, incidents), peakFeatures,
                        AlertStatus.NONE));
            }
            hub.ended(this);
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
                model.version(), new FeatureVector(features.length == 0 ? List.of() : model.featuresRead(), features),
                alert, failed ? "stream closed on invalid input" : null);
    }
}
