package io.screamguard.server.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.screamguard.server.ServerApp;
import io.screamguard.server.events.EventLog;
import io.screamguard.server.location.LocationResolver;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.support.GatedScoring;
import io.screamguard.server.support.TestAudio;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One live session driven directly (no socket): queue bounds and the messages it sends. */
class LiveSessionTest {
    @TempDir
    Path dir;

    final GatedScoring scoring = new GatedScoring();
    final List<String> sent = new CopyOnWriteArrayList<>();
    EventLog events;
    StreamHub hub;

    final StreamPeer peer = new StreamPeer() {
        @Override
        public boolean send(String json) {
            sent.add(json);
            return true;
        }

        @Override
        public void close(int statusCode, String reason) {
            sent.add("close " + statusCode + " " + reason);
        }
    };

    @BeforeEach
    void startHub() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // nothing listens: events are spooled
        }
        events = EventLog.open("mongodb://127.0.0.1:" + port, "screamguard", 200, dir.resolve("events.jsonl"),
                Duration.ofSeconds(60), new SimpleMeterRegistry(), "unreachable test database");
        hub = new StreamHub(scoring, events, new LocationResolver(OfflineIpLocator.empty()), ServerApp.objectMapper(),
                Clock.systemUTC(), 1, 1.5, 4, new SimpleMeterRegistry());
    }

    @AfterEach
    void stopHub() {
        scoring.openGate();
        hub.close();
        events.close();
    }

    LiveSession connect() {
        LiveSession session = hub.connect(peer, new ClientInfo("s1", "127.0.0.1", "test", null, null));
        session.onText("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
        return session;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    List<JsonNode> messages(String type) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String m : sent) {
            if (m.startsWith("{")) {
                JsonNode n;
                try {
                    n = ServerApp.objectMapper().readTree(m);
                } catch (java.io.IOException e) {
                    throw new AssertionError("not JSON: " + m, e);
                }
                if (type.equals(n.path("type").asText())) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    long lastDropped() {
        List<JsonNode> hops = messages("hop");
        return hops.isEmpty() ? 0 : hops.get(hops.size() - 1).get("dropped_windows").asLong();
    }

    @Test
    void a_flood_of_tiny_messages_while_behind_is_held_within_the_byte_bound_and_counted_as_dropped() throws Exception {
        // given a session whose scorer is stuck on its first hop and whose buffer is full
        LiveSession session = connect();
        byte[] tenth = TestAudio.s16le(TestAudio.noise(16000, 0.1, 0.05, 1));
        for (int i = 0; i < 3; i++) {
            session.onBinary(tenth);
        }
        await(() -> scoring.entered() == 1, "the worker to take the first hop");
        for (int i = 0; i < 40; i++) {
            session.onBinary(tenth); // 4 s of audio against a 1.5 s bound: the oldest is shed once it waited 1.5 s
        }

        // when the client floods 100 000 two-byte messages (one sample each)
        byte[] sample = {1, 0};
        for (int i = 0; i < 100_000; i++) {
            session.onBinary(sample);
        }

        // then the buffer held at most its bound (bytes, whatever the message count), and once
        // scored the dropped audio is reported in whole hop-grid windows
        assertTrue(session.bufferedBytes() <= 48_000, "bytes buffered " + session.bufferedBytes());
        scoring.openGate();
        await(() -> session.bufferedBytes() < 8000, "the backlog to be scored");
        session.onBinary(TestAudio.s16le(TestAudio.noise(16000, 1.0, 0.05, 2)));
        await(() -> lastDropped() > 0, "a hop reporting the dropped windows");
        long dropped = lastDropped();
        // 4.3 s of 0.1 s frames plus 100 000 samples (6.25 s), minus the 1.5 s kept: about 36 hops of 0.25 s
        assertTrue(dropped >= 30 && dropped <= 45, "dropped windows " + dropped);
    }

    @Test
    void many_tiny_messages_cost_their_bytes_only() throws Exception {
        // given a session whose scorer is stuck on its first hop
        LiveSession session = connect();
        session.onBinary(new byte[8000]);
        await(() -> scoring.entered() == 1, "the worker to take the first hop");

        // when the client sends 20 000 one-sample messages (1.25 s of audio in tiny messages)
        for (int i = 0; i < 20_000; i++) {
            session.onBinary(new byte[] {1, 0});
        }

        // then they take their 40 000 bytes, below the 1.5 s bound: nothing was shed
        assertEquals(40_000, session.bufferedBytes());
        scoring.openGate();
        await(() -> messages("hop").size() == 5, "the 5 hops of 1.5 s");
        assertEquals(0, lastDropped());
    }

    @Test
    void a_live_incident_event_holds_its_own_mean_probability_and_the_windows_dropped_during_it() throws Exception {
        // given a session that dropped audio before the incident
        LiveSession session = connect();
        byte[] tenth = TestAudio.s16le(TestAudio.noise(16000, 0.1, 0.05, 1));
        for (int i = 0; i < 3; i++) {
            session.onBinary(tenth);
        }
        await(() -> scoring.entered() == 1, "the worker to take the first hop");
        for (int i = 0; i < 40; i++) {
            session.onBinary(tenth);
        }
        scoring.openGate();
        await(() -> session.bufferedBytes() < 8000, "the backlog to be scored");

        // when a loud passage (probability 1 then about 0.72) is followed by silence and the stream closes
        session.onBinary(TestAudio.s16le(TestAudio.concat(TestAudio.noise(16000, 0.75, 0.6, 2),
                TestAudio.noise(16000, 0.75, 0.25, 3), new float[16000 * 2])));
        session.onClosed();
        await(() -> hub.activeStreams() == 0, "the session to finish");
        events.awaitWrites(Duration.ofSeconds(10));

        // then the incident event's timeline has the incident's mean (below its peak of 1) and no drops
        org.bson.Document incident = null;
        long sessionDropped = -1;
        for (String line : java.nio.file.Files.readAllLines(dir.resolve("events.jsonl"))) {
            org.bson.Document d = org.bson.Document.parse(line);
            if ("live_incident".equals(d.getString("type"))) {
                incident = d;
            } else if ("live_session".equals(d.getString("type"))) {
                sessionDropped = ((Number) d.get("timeline", org.bson.Document.class).get("dropped_windows")).longValue();
            }
        }
        assertTrue(incident != null, "an incident event was spooled");
        org.bson.Document timeline = incident.get("timeline", org.bson.Document.class);
        double mean = ((Number) timeline.get("mean_probability")).doubleValue();
        assertTrue(mean > 0.7 && mean < 0.95, "the incident's mean probability, got " + mean);
        assertEquals(0L, ((Number) timeline.get("dropped_windows")).longValue());
        assertTrue(sessionDropped > 0, "the session summary still counts the drops before the incident: " + sessionDropped);
    }

    @Test
    void the_ready_message_reports_the_queue_bound_actually_applied() throws Exception {
        connect();

        JsonNode ready = messages("ready").get(0);

        assertEquals(1.5, ready.get("max_queue_s").asDouble(), 1e-9);
    }

    @Test
    void a_queue_bound_below_one_window_plus_one_hop_is_refused_naming_the_minimum() {
        // the fake model has 0.5 s windows and 0.25 s hops
        io.screamguard.server.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.screamguard.server.config.ConfigException.class,
                () -> new StreamHub(scoring, events, new LocationResolver(OfflineIpLocator.empty()),
                        ServerApp.objectMapper(), Clock.systemUTC(), 1, 0.5, 4, new SimpleMeterRegistry()));

        assertTrue(e.getMessage().contains("STREAM_QUEUE_SECONDS") && e.getMessage().contains("0.75"), e.getMessage());
    }

    @Test
    void only_a_signed_in_stream_with_alerting_keeps_a_ring_for_incident_clips() {
        LiveSession anonymous = connect();
        LiveSession signedInWithoutAlerting = hub.connect(peer, new ClientInfo("s2", "127.0.0.1", "test", null, "user-1"));
        signedInWithoutAlerting.onText("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
        StreamHub alerting = new StreamHub(scoring, events, new LocationResolver(OfflineIpLocator.empty()), ServerApp.objectMapper(),
                Clock.systemUTC(), 1, 1.5, 4, new SimpleMeterRegistry(), new io.screamguard.server.alert.Alarms() {
                    @Override
                    public int incidentConfirmed(io.screamguard.server.alert.LiveIncident incident) {
                        return -1;
                    }

                    @Override
                    public void raiseAtOnce(io.screamguard.server.alert.LiveIncident incident) {
                    }

                    @Override
                    public List<String> cancelStream(String ownerId, String streamId, String pin) {
                        return List.of();
                    }
                });
        try {
            LiveSession signedIn = alerting.connect(peer, new ClientInfo("s3", "127.0.0.1", "test", null, "user-1"));
            signedIn.onText("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");

            assertTrue(signedIn.recordsClips(), "signed in, clips go to the alerting");
            assertEquals(false, anonymous.recordsClips(), "no account to keep a clip for");
            assertEquals(false, signedInWithoutAlerting.recordsClips(), "no alerting to hand a clip to");
        } finally {
            alerting.close();
        }
    }
}
