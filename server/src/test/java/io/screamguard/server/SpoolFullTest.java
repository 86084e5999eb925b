package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.screamguard.server.config.Setting;
import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.events.EventLog;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.TwoServers;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The spool's disk is full while the database is down: events are lost, but loudly (an ERROR
 * naming the spool and what to do, {@code screamguard_events_lost_total}), and the server goes on
 * scoring uploads and streams.
 */
class SpoolFullTest {
    static final int RATE = 48_000;

    @TempDir
    Path dir;

    private static double lost(AppHarness server) {
        var c = server.app.registry().find("screamguard_events_lost").counter();
        return c == null ? -1 : c.count();
    }

    private void scoringGoesOnWhenTheSpoolRefusesWrites(Map<Setting, String> settings, Runnable fillTheDisk,
                                                         String expectedInLog) throws Exception {
        Path h2 = dir.resolve("db").resolve("events.mv.db");
        EmbeddedMongo mongo = EmbeddedMongo.start(h2, TwoServers.freePort());
        Logger log = (Logger) LoggerFactory.getLogger(EventLog.class);
        ListAppender<ILoggingEvent> errors = new ListAppender<>();
        errors.start();
        log.addAppender(errors);
        byte[] quiet = TestAudio.wav(TestAudio.noise(16000, 1.0, 0.01, 1), 16000);
        java.util.Map<Setting, String> all = new java.util.EnumMap<>(Setting.class);
        all.putAll(settings);
        all.put(Setting.MONGODB_URI, mongo.connectionString());
        all.put(Setting.STREAM_QUEUE_SECONDS, "30");
        try (AppHarness server = AppHarness.start(dir.resolve("data"), all)) {
            WsClient ws = server.stream("/api/stream");
            ws.text("{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1}");
            ws.binary(TestAudio.s16le(TestAudio.noise(RATE, 1.0, 0.01, 2)));
            SpoolRecoveryTest.await(() -> ws.ofType("hop").size() == 3, "the first hops");

            mongo.close();
            SpoolRecoveryTest.await(() -> !server.app.events().databaseUp(), "the database to be seen down");
            fillTheDisk.run();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = server.upload("during" + i + ".wav", quiet);
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(AppHarness.json(r).has("is_scream"), r.body());
            }
            server.app.events().awaitWrites(java.time.Duration.ofSeconds(10));
            int hopsBefore = ws.ofType("hop").size();
            ws.binary(TestAudio.s16le(TestAudio.concat(TestAudio.harmonicTone(RATE, 1.5, 600),
                    TestAudio.noise(RATE, 1.5, 0.01, 3))));
            SpoolRecoveryTest.await(() -> ws.incidents("ended").size() == 1, "the incident while the spool is full");
            SpoolRecoveryTest.await(() -> ws.ofType("hop").size() >= hopsBefore + 5, "hops after the spool filled");
            server.app.events().awaitWrites(java.time.Duration.ofSeconds(10));

            assertTrue(lost(server) >= 3, "lost events counted: " + lost(server));
            assertFalse(ws.closed.isDone(), "the stream stays open");
            assertTrue(errors.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR
                            && e.getFormattedMessage().contains("LOST") && e.getFormattedMessage().contains(expectedInLog)),
                    "an ERROR saying the event is lost and why");
            String metrics = server.get("/metrics").body();
            assertTrue(metrics.contains("screamguard_events_lost_total"), "the metric is scraped");
            ws.close();
        } finally {
            log.detachAppender(errors);
            mongo.close();
        }
    }

    @Test
    void a_spool_file_the_disk_refuses_to_write_loses_events_loudly_and_scoring_goes_on() throws Exception {
        Path spool = dir.resolve("data").resolve("spool").resolve("events.jsonl");
        scoringGoesOnWhenTheSpoolRefusesWrites(Map.of(), () -> {
            try { // a directory where the spool file should be: every write fails, even as root
                Files.deleteIfExists(spool);
                Files.createDirectories(spool);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "Is a directory");
    }

    @Test
    void a_spool_at_spool_max_bytes_loses_new_events_loudly_and_scoring_goes_on() throws Exception {
        Path spool = dir.resolve("data").resolve("spool").resolve("events.jsonl");
        scoringGoesOnWhenTheSpoolRefusesWrites(Map.of(Setting.SPOOL_MAX_BYTES, "1024"), () -> {
            try { // the spool already holds 1000 bytes of an earlier outage
                Files.writeString(spool, "x".repeat(999) + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "SPOOL_MAX_BYTES=1024");
    }
}
