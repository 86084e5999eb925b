package io.screamguard.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.screamguard.server.embedded.EmbeddedMongo;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log against the embedded database: draining the spool, shutdown, paging. */
class EventLogTest {
    @TempDir
    Path dir;

    EmbeddedMongo mongo;
    Path spoolFile;

    @BeforeEach
    void startDatabase() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        mongo = EmbeddedMongo.start(dir.resolve("db").resolve("events.mv.db"), port);
        spoolFile = dir.resolve("spool").resolve("events.jsonl");
        Files.createDirectories(spoolFile.getParent());
    }

    @AfterEach
    void stopDatabase() {
        mongo.close();
    }

    EventLog open() {
        return EventLog.open(mongo.connectionString(), "screamguard", 500, spoolFile, Duration.ofMillis(100),
                new SimpleMeterRegistry(), "embedded test");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static String line(String id) {
        return "{\"_id\": {\"$oid\": \"" + id + "\"}, \"type\": \"upload\", \"timestamp\": {\"$date\": \"2026-01-02T03:04:05Z\"},"
                + " \"is_scream\": false, \"scream_probability\": 0.1}";
    }

    @Test
    void a_torn_line_and_an_unparseable_line_are_set_aside_and_the_good_events_around_them_are_written() throws Exception {
        // given a spool whose middle line is garbage and whose last line was torn by a crash
        String first = "65f000000000000000000001";
        String torn = "65f000000000000000000002";
        Files.writeString(spoolFile, line(first) + "\n{\"garbage\n" + line(torn).substring(0, 30), StandardCharsets.UTF_8);

        // when a new event is spooled after the restart and the log drains the spool
        String later = "65f000000000000000000003";
        new EventSpool(spoolFile).append(line(later));
        try (EventLog log = open()) {
            await(() -> log.databaseUp() && log.spoolDepth() == 0 && log.find(later).isPresent(), "the spool to drain");

            // then both good events are stored, and the two bad lines are in the side file
            assertTrue(log.find(first).isPresent());
            List<String> bad = Files.readAllLines(dir.resolve("spool").resolve("events.bad.jsonl"), StandardCharsets.UTF_8);
            assertEquals(2, bad.size(), bad.toString());
            assertTrue(bad.contains("{\"garbage"), bad.toString());
            assertEquals(0, new EventSpool(spoolFile).depth());
            assertEquals(2, log.stats(Optional.empty(), Optional.empty()).total());
        }
    }

    static EventRecord upload(String name, boolean scream, Instant at) {
        return new EventRecord(EventType.UPLOAD, at, EventSource.upload(name, "wav"), scream ? 0.9 : 0.1, scream, 0.5,
                new TimelineSummary(1, 1, 0, scream ? 1 : 0, 0.1, 0, List.of()), io.screamguard.server.location.Location.NONE,
                new DeviceInfo("test", "127.0.0.1", null), null, "test-model", FeatureVector.empty(),
                AlertStatus.NOT_CONFIGURED, null);
    }

    @Test
    void an_event_recorded_after_close_is_spooled_on_the_caller_and_written_by_the_next_start() throws Exception {
        // given a closed log
        EventLog log = open();
        log.close();

        // when events are recorded after close, later and now
        String later = log.recordLater(upload("late.wav", false, Instant.now()));
        String now = log.record(upload("now.wav", false, Instant.now()));

        // then they are in the spool, and the next start writes them
        assertEquals(2, new EventSpool(spoolFile).depth());
        try (EventLog next = open()) {
            await(() -> next.databaseUp() && next.spoolDepth() == 0, "the spool to drain");
            assertTrue(next.find(later).isPresent());
            assertTrue(next.find(now).isPresent());
        }
    }

    @Test
    void writes_still_queued_when_close_gives_up_are_spooled_not_discarded() throws Exception {
        // given a writer held busy and three writes queued behind it
        EventLog log = open();
        CountDownLatch release = new CountDownLatch(1);
        log.onWriterThread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(log.recordLater(upload("queued" + i + ".wav", false, Instant.now())));
        }

        // when close gives up waiting
        log.close(Duration.ofMillis(200));

        // then the queued writes were spooled (the background drain may already have written some), and the next start writes the rest
        try (EventLog next = open()) {
            await(() -> next.databaseUp() && next.spoolDepth() == 0, "the spool to drain");
            for (String id : ids) {
                assertTrue(next.find(id).isPresent(), id);
            }
        }
    }

    @Test
    void a_spooled_document_the_database_refuses_is_set_aside_and_does_not_block_the_events_after_it() throws Exception {
        // given a spool whose middle entry the database refuses (an array is not a valid _id)
        String before = "65f000000000000000000011";
        String after = "65f000000000000000000012";
        String refused = "{\"_id\": [1, 2], \"type\": \"upload\"}";
        Files.writeString(spoolFile, line(before) + "\n" + refused + "\n" + line(after) + "\n", StandardCharsets.UTF_8);

        // when the log drains the spool
        try (EventLog log = open()) {
            await(() -> log.spoolDepth() == 0, "the spool to drain");

            // then the good events are written, the refused one is set aside, and the database stays up
            assertTrue(log.databaseUp());
            assertTrue(log.find(before).isPresent());
            assertTrue(log.find(after).isPresent());
            List<String> bad = Files.readAllLines(dir.resolve("spool").resolve("events.bad.jsonl"), StandardCharsets.UTF_8);
            assertEquals(List.of(refused), bad);
        }
    }

    @Test
    void only_refused_documents_count_as_rejections_not_connectivity_errors() {
        assertTrue(EventLog.isRejection(new com.mongodb.MongoWriteException(
                new com.mongodb.WriteError(2, "bad value", new org.bson.BsonDocument()), new com.mongodb.ServerAddress(), java.util.Set.of())));
        assertTrue(EventLog.isRejection(new org.bson.BsonSerializationException("too large")));
        assertFalse(EventLog.isRejection(new com.mongodb.MongoWriteException(
                new com.mongodb.WriteError(11000, "duplicate key", new org.bson.BsonDocument()), new com.mongodb.ServerAddress(), java.util.Set.of())));
        assertFalse(EventLog.isRejection(new com.mongodb.MongoTimeoutException("no server")));
        assertFalse(EventLog.isRejection(new com.mongodb.MongoSocketReadException("reset", new com.mongodb.ServerAddress())));
    }

    @Test
    void pages_of_events_with_the_same_timestamp_neither_repeat_nor_skip_and_go_newest_id_first() throws Exception {
        // given five events of the same instant
        Instant at = Instant.parse("2026-03-04T05:06:07Z");
        List<String> ids = new ArrayList<>();
        try (EventLog log = open()) {
            await(log::databaseReady, "the database to answer a ping");
            for (int i = 0; i < 5; i++) {
                ids.add(log.record(upload("same" + i + ".wav", false, at)));
            }

            // when they are read two at a time
            List<String> seen = new ArrayList<>();
            for (int page = 0; page < 3; page++) {
                for (Map<String, Object> item : log.list(new EventQuery(page, 2, Optional.empty(), Optional.empty(),
                        Optional.empty())).items()) {
                    seen.add(String.valueOf(item.get("id")));
                }
            }

            // then every event appears once, the newest id first
            List<String> expected = new ArrayList<>(ids);
            java.util.Collections.reverse(expected);
            assertEquals(expected, seen);
        }
    }

    static EventRecord live(EventType type, boolean scream) {
        return new EventRecord(type, Instant.now(), EventSource.live("s1", "16000 Hz s16le x1"), scream ? 0.9 : 0.1, scream,
                0.5, new TimelineSummary(1, 1, 0, scream ? 1 : 0, 0.1, 0, List.of()),
                io.screamguard.server.location.Location.NONE, new DeviceInfo("test", "127.0.0.1", null), null,
                "test-model", FeatureVector.empty(), AlertStatus.NOT_CONFIGURED, null);
    }

    @Test
    void a_live_scream_counts_once_in_stats_and_the_verdict_filter_not_again_as_its_session_summary() throws Exception {
        try (EventLog log = open()) {
            await(log::databaseReady, "the database to answer a ping");
            // given a screaming upload, a quiet upload, and a live stream with one incident (incident + session summary)
            log.record(upload("scream.wav", true, Instant.now()));
            log.record(upload("quiet.wav", false, Instant.now()));
            log.record(live(EventType.LIVE_INCIDENT, true));
            log.record(live(EventType.LIVE_SESSION, true));

            // then the default statistics and the verdict filter count 2 screams, not 3
            EventStats stats = log.stats(Optional.empty(), Optional.empty());
            assertEquals(3, stats.total());
            assertEquals(2, stats.screams());
            assertEquals(1, stats.noScream());
            assertEquals(2, log.list(new EventQuery(0, 10, Optional.of(true), Optional.empty(), Optional.empty())).total());
            // and the session summary is still there when asked for by type
            assertEquals(1, log.stats(Optional.of(EventType.LIVE_SESSION), Optional.empty()).total());
            assertEquals(1, log.list(new EventQuery(0, 10, Optional.of(true), Optional.empty(),
                    Optional.of(EventType.LIVE_SESSION))).total());
            assertEquals(4, log.list(new EventQuery(0, 10, Optional.empty(), Optional.empty(), Optional.empty())).total());
        }
    }

    @Test
    void an_event_spooled_on_an_interrupted_thread_is_still_written_to_the_spool() throws Exception {
        EventLog log = open();
        log.close();

        Thread.currentThread().interrupt();
        String id;
        try {
            id = log.record(upload("interrupted.wav", false, Instant.now()));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }

        assertEquals(1, new EventSpool(spoolFile).depth());
        assertTrue(new EventSpool(spoolFile).oldest(1).get(0).contains(id));
    }

    @Test
    void the_log_is_not_ready_until_the_database_has_answered_a_ping() throws Exception {
        // given a database that is not there yet (its port is free), checked with a long timeout
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EventLog log = EventLog.open("mongodb://127.0.0.1:" + port, "screamguard", 5000, spoolFile,
                Duration.ofMillis(100), new SimpleMeterRegistry(), "external test")) {
            // then it is not ready, although writes still assume the database up until a contact fails
            // (that optimistic flag was what /health reported as ready)
            assertFalse(log.databaseReady());

            // and once the database answers, it is
            try (EmbeddedMongo late = EmbeddedMongo.start(dir.resolve("late").resolve("events.mv.db"), port)) {
                await(log::databaseReady, "the first answered ping");
                assertTrue(log.databaseUp());
            }
        }
    }
}
