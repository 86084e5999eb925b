package io.screamguard.training.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One simulated microphone: a WebSocket stream that sends a hello, then audio frames at real-time
 * pace, and times the server's hop messages against the moment the audio they depend on was sent.
 *
 * <p>Threads: {@link #tick(long)} runs on the single pacing thread; the listener callbacks run on
 * the HTTP client's threads, one at a time for this socket. Counters read by the report are
 * guarded by this object's monitor.
 */
final class StreamClient implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Largest binary message sent when catching up: well under Jetty's default 64 KiB limit. */
    static final int MAX_MESSAGE_BYTES = 32 * 1024;

    enum Phase { WAITING, CONNECTING, OPEN, CLOSED, FAILED }

    private final int id;
    private final PcmSource audio;
    private final long startByte;
    private final int sampleRateHz;
    private final int frameSamples;
    private final int frameBytes;
    private final long frameNanos;
    private final AtomicLongArray frameSendNanos;

    private volatile Phase phase = Phase.WAITING;
    private volatile WebSocket socket;
    private volatile long startNanos;
    private volatile long steadyFromNanos = Long.MAX_VALUE;
    private CompletableFuture<WebSocket> pending;
    private int framesSent;

    // receive side, guarded by this
    private final StringBuilder partialText = new StringBuilder();
    private final LongSamples latencyMicros = new LongSamples();
    private final LongSamples steadyLatencyMicros = new LongSamples();
    private int intervalMark;
    private long hopsReceived;
    private long incidentMessages;
    private long droppedReported;
    private long hopsForUnsentAudio;
    private double firstHopSeconds = Double.NaN;
    private double lastHopSeconds = Double.NaN;
    private double minHopDeltaSeconds = Double.POSITIVE_INFINITY;
    private double announcedWindowSeconds = Double.NaN;
    private double announcedHopSeconds = Double.NaN;
    private int closeStatus = -1;
    private String closeReason = "";
    private String failure;

    /**
     * @param id             stream number, for messages
     * @param audio          the audio to loop, s16le mono at {@code sampleRateHz}
     * @param startByte      where in {@code audio} this stream starts (even)
     * @param sampleRateHz   stream rate, e.g. 48000
     * @param frameSamples   samples per binary frame at real-time pace, e.g. 960 for 20 ms at 48 kHz
     * @param maxFrames      frames the run can send at most
     */
    StreamClient(int id, PcmSource audio, long startByte, int sampleRateHz, int frameSamples, int maxFrames) {
        this.id = id;
        this.audio = audio;
        this.startByte = startByte - (startByte % 2);
        this.sampleRateHz = sampleRateHz;
        this.frameSamples = frameSamples;
        this.frameBytes = frameSamples * 2;
        this.frameNanos = Math.round(frameSamples * 1e9 / sampleRateHz);
        this.frameSendNanos = new AtomicLongArray(maxFrames + 1);
    }

    /**
     * Opens the socket; the stream's audio clock starts when the hello has been handed over.
     *
     * @param cookie the session cookie sent with the upgrade (with the server's own origin), or null
     */
    void connect(HttpClient client, URI uri, String cookie) {
        phase = Phase.CONNECTING;
        java.net.http.WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (cookie != null) {
            builder.header("Cookie", cookie).header("Origin", SignIn.origin(uri));
        }
        builder.buildAsync(uri, this)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        fail("connect: " + rootMessage(error));
                        return;
                    }
                    socket = ws;
                    String hello = "{\"sampleRate\":" + sampleRateHz + ",\"encoding\":\"s16le\",\"channels\":1}";
                    synchronized (this) {
                        pending = ws.sendText(hello, true);
                    }
                    startNanos = System.nanoTime();
                    phase = Phase.OPEN;
                });
    }

    /**
     * Sends every frame whose audio has "arrived" by {@code nowNanos} (real-time pace), merged into
     * one message if the previous send is still in flight or the pacer fell behind.
     */
    void tick(long nowNanos) {
        if (phase != Phase.OPEN) {
            return;
        }
        CompletableFuture<WebSocket> previous;
        synchronized (this) {
            previous = pending;
        }
        if (previous != null && !previous.isDone()) {
            return;
        }
        long due = Math.min(frameSendNanos.length() - 1L, (nowNanos - startNanos) / frameNanos);
        if (due <= framesSent) {
            return;
        }
        int from = framesSent;
        // a pacer that fell behind catches up in messages of at most MAX_MESSAGE_BYTES (servers cap message size)
        int count = (int) Math.min(due - from, Math.max(1, MAX_MESSAGE_BYTES / frameBytes));
        ByteBuffer chunk = audio.chunk(startByte + (long) from * frameBytes, count * frameBytes);
        long sendNanos = System.nanoTime();
        for (int f = from; f < from + count; f++) {
            frameSendNanos.set(f, sendNanos);
        }
        framesSent = from + count;
        try {
            CompletableFuture<WebSocket> send = socket.sendBinary(chunk, true);
            synchronized (this) {
                pending = send;
            }
            send.whenComplete((ws, error) -> {
                if (error != null) {
                    fail("send: " + rootMessage(error));
                }
            });
        } catch (RuntimeException e) {
            fail("send: " + rootMessage(e));
        }
    }

    /** Hop latencies recorded from now on also count as steady-state. */
    void markSteady(long nowNanos) {
        steadyFromNanos = nowNanos;
    }

    /** Stops sending and closes the socket normally. */
    CompletableFuture<?> close() {
        WebSocket ws = socket;
        if (ws == null || phase != Phase.OPEN) {
            return CompletableFuture.completedFuture(null);
        }
        phase = Phase.CLOSED;
        CompletableFuture<WebSocket> previous;
        synchronized (this) {
            previous = pending == null ? CompletableFuture.completedFuture(ws) : pending;
        }
        return previous.handle((w, e) -> null)
                .thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "loadgen done"))
                .orTimeout(3, java.util.concurrent.TimeUnit.SECONDS)
                .handle((w, e) -> {
                    ws.abort();
                    return null;
                });
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long receivedNanos = System.nanoTime();
        synchronized (this) {
            partialText.append(data);
            if (last) {
                String message = partialText.toString();
                partialText.setLength(0);
                handleMessage(message, receivedNanos);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handleMessage(String message, long receivedNanos) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (Exception e) {
            return;
        }
        noteDropped(node);
        String type = node.path("type").asText("");
        if (type.equals("ready")) {
            announcedWindowSeconds = firstNumber(node, "window_s", "windowS", "windowSeconds");
            announcedHopSeconds = firstNumber(node, "hop_s", "hopS", "hopSeconds");
            return;
        }
        if (type.equals("incident")) {
            incidentMessages++;
            return;
        }
        JsonNode t = node.get("t");
        if (t == null || !t.isNumber() || !(type.isEmpty() || type.equals("hop"))) {
            return;
        }
        double tSeconds = t.asDouble();
        hopsReceived++;
        if (Double.isNaN(firstHopSeconds)) {
            firstHopSeconds = tSeconds;
        } else if (tSeconds > lastHopSeconds) {
            minHopDeltaSeconds = Math.min(minHopDeltaSeconds, tSeconds - lastHopSeconds);
        }
        lastHopSeconds = tSeconds;
        int frame = HopCounting.frameOfWindowEnd(tSeconds, sampleRateHz, frameSamples);
        long sentNanos = frame < frameSendNanos.length() ? frameSendNanos.get(frame) : 0;
        if (sentNanos == 0) {
            hopsForUnsentAudio++;
            return;
        }
        long micros = (receivedNanos - sentNanos) / 1000;
        latencyMicros.add(micros);
        if (receivedNanos >= steadyFromNanos) {
            steadyLatencyMicros.add(micros);
        }
    }

    private static double firstNumber(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isNumber() && value.asDouble() > 0) {
                return value.asDouble();
            }
        }
        return Double.NaN;
    }

    /** Keeps the largest value of any numeric field whose name mentions "dropped" (a running count). */
    private void noteDropped(JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().toLowerCase(java.util.Locale.ROOT).contains("dropped") && field.getValue().isNumber()) {
                droppedReported = Math.max(droppedReported, field.getValue().asLong());
            }
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            closeStatus = statusCode;
            closeReason = reason == null ? "" : reason;
        }
        phase = Phase.CLOSED;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail("socket: " + rootMessage(error));
    }

    private void fail(String message) {
        synchronized (this) {
            if (failure == null) {
                failure = "stream " + id + " " + message;
            }
        }
        phase = Phase.FAILED;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    Phase phase() {
        return phase;
    }

    double sentSeconds() {
        return framesSent * (double) frameSamples / sampleRateHz;
    }

    synchronized long hopsReceived() {
        return hopsReceived;
    }

    synchronized long incidentMessages() {
        return incidentMessages;
    }

    synchronized long droppedReported() {
        return droppedReported;
    }

    synchronized long hopsForUnsentAudio() {
        return hopsForUnsentAudio;
    }

    synchronized double firstHopSeconds() {
        return firstHopSeconds;
    }

    /** @return the window length the server announced in its "ready" message, NaN if none */
    synchronized double announcedWindowSeconds() {
        return announcedWindowSeconds;
    }

    /** @return the hop the server announced in its "ready" message, NaN if none */
    synchronized double announcedHopSeconds() {
        return announcedHopSeconds;
    }

    synchronized double minHopDeltaSeconds() {
        return minHopDeltaSeconds;
    }

    synchronized int closeStatus() {
        return closeStatus;
    }

    synchronized String closeReason() {
        return closeReason;
    }

    synchronized String failure() {
        return failure;
    }

    /** Copies the latencies received since the previous call (the sampling interval's). */
    synchronized void latenciesSinceLastCall(LongSamples into) {
        for (int i = intervalMark; i < latencyMicros.size(); i++) {
            into.add(latencyMicros.array()[i]);
        }
        intervalMark = latencyMicros.size();
    }

    synchronized void drainLatencies(LongSamples all, LongSamples steady) {
        all.addAll(latencyMicros);
        steady.addAll(steadyLatencyMicros);
    }
}
