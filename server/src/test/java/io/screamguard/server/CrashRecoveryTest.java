package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import io.screamguard.server.config.Setting;
import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.store.MongoConnection;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.ChildServer;
import io.screamguard.server.support.FakeTwilio;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.TwoServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL (a child process: no shutdown hook, no close) while it spools
 * events and while alerts are pending, then started again on the same data: nothing is lost and
 * nothing is written or sent twice. The database is an embedded store in the test process, so it
 * outlives the kills as MongoDB does in production.
 */
class CrashRecoveryTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Registers the first account (an admin) on a fresh store; its client. */
    static ApiClient firstAccount(ChildServer server) throws Exception {
        HttpResponse<String> r = server.anonymous().postJson("/api/auth/register",
                "{\"email\":\"" + AppHarness.OWNER_EMAIL + "\",\"password\":\"" + AppHarness.PASSWORD + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        return server.anonymous().withSession(ApiClient.sessionCookie(r).orElseThrow(), ApiClient.json(r).get("id").asText());
    }

    /** The child's output, kept under target/ for a failed run. */
    static Path log(String which) {
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(f -> f.skip(1).findFirst()).orElseThrow();
        return Path.of("target", "child-logs", caller.getMethodName() + "-" + which + ".log");
    }

    static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void killed_with_sigkill_while_spooling_then_restarted_every_event_is_written_exactly_once() throws Exception {
        Path h2 = dir.resolve("db").resolve("events.mv.db");
        int storePort = TwoServers.freePort();
        EmbeddedMongo mongo = EmbeddedMongo.start(h2, storePort);
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.MONGODB_URI, mongo.connectionString());
        settings.put(Setting.DATA_DIR, dir.resolve("data").toString());
        Path spool = dir.resolve("data").resolve("spool").resolve("events.jsonl");
        byte[] quiet = TestAudio.wav(TestAudio.noise(16000, 1.0, 0.01, 1), 16000);
        List<String> ids = new ArrayList<>();
        try (ChildServer first = ChildServer.start(settings, log("first"))) {
            ApiClient owner = firstAccount(first);
            for (int i = 0; i < 2; i++) {
                ids.add(ApiClient.json(owner.upload("before" + i + ".wav", quiet)).get("event_id").asText());
            }
            mongo.close(); // the database goes away: the next events are spooled
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = owner.upload("during" + i + ".wav", quiet);
                assertEquals(200, r.statusCode(), r.body());
                ids.add(ApiClient.json(r).get("event_id").asText());
            }
            ChildServer.await(() -> lines(spool) == 3, "three events in the spool", WAIT);

            first.kill();
        } finally {
            mongo.close();
        }

        mongo = EmbeddedMongo.start(h2, storePort);
        try (ChildServer second = ChildServer.start(settings, log("second"));
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "screamguard", 2000)) {
            ChildServer.await(() -> lines(spool) == 0 && db.collection("events").countDocuments() >= 5,
                    "the spool drained by the restarted server", WAIT);
            Thread.sleep(1_000);

            Set<String> stored = new HashSet<>();
            for (Document d : db.collection("events").find()) {
                assertTrue(stored.add(d.getObjectId("_id").toHexString()), "written twice: " + d.get("_id"));
            }
            assertEquals(5, stored.size(), "2 before the outage, 3 spooled");
            assertTrue(stored.containsAll(ids), stored + " should hold " + ids);
        } finally {
            mongo.close();
        }
    }

    @Test
    void killed_with_sigkill_while_alerts_are_pending_then_restarted_each_sms_is_sent_exactly_once() throws Exception {
        EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db").resolve("events.mv.db"), TwoServers.freePort());
        try (FakeTwilio twilio = new FakeTwilio()) {
            Map<Setting, String> settings = ClusterAlertTest.smsOnly(twilio, "3", "2");
            settings.put(Setting.DATA_DIR, dir.resolve("data").toString());
            settings.put(Setting.MONGODB_URI, mongo.connectionString());
            settings.put(Setting.STREAM_QUEUE_SECONDS, "30");
            AlertFlowTest.Person waiting;
            AlertFlowTest.Person sending;
            try (ChildServer first = ChildServer.start(settings, log("first"))) {
                ApiClient admin = firstAccount(first);
                assertEquals(200, admin.putJson("/api/admin/settings", "{\"countdown_seconds\":0}").statusCode());
                waiting = person(admin, first, "waiting@example.org", "+447911123401");
                sending = person(admin, first, "sending@example.org", "+447911123402");

                twilio.failNext(1, 503); // the first SMS waits for its retry
                AlertFlowTest.scream(waiting);
                ChildServer.await(() -> twilio.requests.get() == 1, "the failed first attempt", WAIT);
                twilio.stallNext(1, 4_000); // the second is in the provider's hands when the server dies
                AlertFlowTest.scream(sending);
                ChildServer.await(() -> twilio.stalled.contains(sending.phone()), "the second send under way", WAIT,
                        () -> twilio.requests.get() + " requests, stalled " + twilio.stalled);

                first.kill();
            }
            assertEquals(0, twilio.messages.size(), "nothing was accepted before the kill");

            try (ChildServer second = ChildServer.start(settings, log("second"))) {
                ChildServer.await(() -> AlertFlowTest.smsTo(twilio, waiting.phone()).size() >= 1
                        && AlertFlowTest.smsTo(twilio, sending.phone()).size() >= 1, "both SMS after the restart", WAIT,
                        () -> twilio.requests.get() + " requests, accepted " + twilio.messages);
                Thread.sleep(3_000); // longer than a lease and a retry: a second copy would have gone by now

                assertEquals(1, AlertFlowTest.smsTo(twilio, waiting.phone()).size(), "the retried SMS, once");
                assertEquals(1, AlertFlowTest.smsTo(twilio, sending.phone()).size(),
                        "the SMS whose send died with the server, once (its lease expired, the new process took it)");
                assertEquals(List.of(sending.phone()), twilio.stalled);
                assertEquals(4, twilio.requests.get(), "503, stalled, then one success each");
            }
        } finally {
            mongo.close();
        }
    }

    @Test
    void killed_with_sigkill_during_a_countdown_then_restarted_the_alarm_is_raised_and_sent_once() throws Exception {
        // the database outlives the server, as MongoDB does in production (the embedded store commits its
        // H2 file about once a second, so a kill of the process that holds it can lose its last writes)
        EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("db").resolve("events.mv.db"), TwoServers.freePort());
        try (FakeTwilio twilio = new FakeTwilio();
             MongoConnection db = MongoConnection.open(mongo.connectionString(), "screamguard", 2000)) {
            Map<Setting, String> settings = ClusterAlertTest.smsOnly(twilio, "1", "2");
            settings.put(Setting.DATA_DIR, dir.resolve("data").toString());
            settings.put(Setting.MONGODB_URI, mongo.connectionString());
            settings.put(Setting.STREAM_QUEUE_SECONDS, "30");
            AlertFlowTest.Person p;
            try (ChildServer first = ChildServer.start(settings, log("first"))) {
                ApiClient admin = firstAccount(first);
                assertEquals(200, admin.putJson("/api/admin/settings", "{\"countdown_seconds\":3}").statusCode());
                p = person(admin, first, "countdown@example.org", "+447911123403");
                AlertFlowTest.scream(p); // the countdown message came: the countdown runs
                ChildServer.await(() -> db.collection("alert_countdowns").countDocuments(Filters.eq("state", "running")) == 1,
                        "the countdown's record", WAIT);

                first.kill(); // nobody cancelled; the process is gone before the countdown ends
            }
            assertEquals(0, twilio.requests.get());

            try (ChildServer second = ChildServer.start(settings, log("second"))) {
                ChildServer.await(() -> !AlertFlowTest.smsTo(twilio, p.phone()).isEmpty(), "the SMS after the restart", WAIT);
                Thread.sleep(3_000);

                assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size(), "the alarm, once");
                assertEquals(1, db.collection("alert_countdowns").countDocuments(Filters.eq("state", "raised")));
            }
        } finally {
            mongo.close();
        }
    }

    /** An account with one SMS contact, signed in on the child. */
    static AlertFlowTest.Person person(ApiClient admin, ChildServer server, String email, String phone) throws Exception {
        HttpResponse<String> created = admin.postJson("/api/admin/accounts",
                "{\"email\":\"" + email + "\",\"password\":\"" + AppHarness.PASSWORD + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> login = server.anonymous().postJson("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + AppHarness.PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        ApiClient c = server.anonymous().withSession(ApiClient.sessionCookie(login).orElseThrow(),
                ApiClient.json(login).get("id").asText());
        HttpResponse<String> contact = c.postJson("/api/contacts", "{\"name\":\"Sam Contact\",\"phone\":\"" + phone
                + "\",\"channels\":[\"sms\"],\"language\":\"en\"}");
        assertEquals(201, contact.statusCode(), contact.body());
        return new AlertFlowTest.Person(c, phone, null, ApiClient.json(contact).get("id").asText());
    }
}
