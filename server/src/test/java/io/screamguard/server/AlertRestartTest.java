package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeTwilio;
import io.screamguard.server.support.WsClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox is durable: what was pending when the server stopped is sent by the next start, once. */
class AlertRestartTest {

    static Map<Setting, String> smsOnly(int port, FakeTwilio twilio, String retrySeconds) {
        Map<Setting, String> s = AlertFlowTest.channels(port, twilio, 25, retrySeconds);
        s.remove(Setting.SMTP_HOST);
        s.remove(Setting.MAIL_FROM);
        return s;
    }

    @Test
    void a_message_pending_a_retry_when_the_server_stops_is_sent_exactly_once_after_the_restart(@TempDir Path dir)
            throws Exception {
        try (FakeTwilio twilio = new FakeTwilio()) {
            Map<Setting, String> settings = smsOnly(AlertFlowTest.freePort(), twilio, "2");
            twilio.failNext(1, 503);
            AlertFlowTest.Person p;
            String incidentId;
            try (AppHarness first = AppHarness.start(dir, settings)) {
                first.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":0}");
                p = AlertFlowTest.person(first);
                WsClient ws = AlertFlowTest.scream(p);
                incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();
                AlertFlowTest.await(() -> twilio.requests.get() == 1, "the first, failed attempt");
            } // stopped before the retry is due

            try (AppHarness second = AppHarness.start(dir, settings)) {
                var client = second.withCookie(p.client().cookie, p.client().accountId);
                AlertFlowTest.await(() -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 1, "the SMS after the restart");
                Thread.sleep(2_500);

                assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size(), "sent exactly once");
                assertEquals(2, twilio.requests.get(), "one failed attempt, one success");
                JsonNode sms = AlertFlowTest.recipient(AlertFlowTest.alertOf(client, incidentId, "sent"), "sms");
                assertEquals(2, sms.get("attempts").asInt());
                assertEquals("skipped_not_configured",
                        AlertFlowTest.recipient(AlertFlowTest.alertOf(client, incidentId, "sent"), "email").get("status").asText());
            }
        }
    }

    @Test
    void a_countdown_running_when_the_server_stops_is_raised_and_sent_once_by_the_next_start(@TempDir Path dir)
            throws Exception {
        try (FakeTwilio twilio = new FakeTwilio()) {
            Map<Setting, String> settings = smsOnly(AlertFlowTest.freePort(), twilio, "0.05");
            AlertFlowTest.Person p;
            try (AppHarness first = AppHarness.start(dir, settings)) {
                first.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":600}");
                p = AlertFlowTest.person(first);
                AlertFlowTest.scream(p);
            } // nobody cancelled: stopping must not swallow the alarm

            try (AppHarness second = AppHarness.start(dir, settings)) {
                AlertFlowTest.await(() -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 1, "the SMS");
                Thread.sleep(1_000);

                assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size(), "sent exactly once");
            }
        }
    }

    @Test
    void a_countdown_that_expires_while_the_database_is_down_raises_its_alert_once_it_answers(@TempDir Path dir)
            throws Exception {
        Path h2 = dir.resolve("db").resolve("events.mv.db");
        int port = AlertFlowTest.freePort();
        EmbeddedMongo mongo = EmbeddedMongo.start(h2, port);
        try (FakeTwilio twilio = new FakeTwilio()) {
            Map<Setting, String> settings = smsOnly(AlertFlowTest.freePort(), twilio, "0.05");
            settings.put(Setting.MONGODB_URI, mongo.connectionString());
            settings.put(Setting.COUNTDOWN_SECONDS, "2");
            try (AppHarness app = AppHarness.start(dir.resolve("data"), settings)) {
                AlertFlowTest.Person p = AlertFlowTest.person(app);
                WsClient ws = AlertFlowTest.scream(p);

                mongo.close(); // the database goes away during the countdown
                Thread.sleep(3_500);
                assertEquals(0, AlertFlowTest.smsTo(twilio, p.phone()).size());
                mongo = EmbeddedMongo.start(h2, port);

                AlertFlowTest.await(() -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 1, "the SMS once it answers");
                Thread.sleep(1_000);
                assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size(), "raised once");
                ws.close();
            }
        } finally {
            mongo.close();
        }
    }
}
