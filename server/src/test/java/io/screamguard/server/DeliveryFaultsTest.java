package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeTwilio;
import io.screamguard.server.support.TwoServers;
import io.screamguard.server.support.WsClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers that fail for a while: the SMTP server down then up, Twilio answering 500 or not
 * answering at all. Each message is retried and its final status recorded, once.
 */
class DeliveryFaultsTest {
    @TempDir
    Path dir;

    /** The recipient of the channel once its status is one of the given ones (waits up to 30 s). */
    static JsonNode recipientOnce(AlertFlowTest.Person p, String incidentId, String channel, String... statuses)
            throws Exception {
        JsonNode[] last = {null};
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode e = AlertFlowTest.event(p.client(), incidentId);
            if (e != null && e.path("alert").has("recipients")) {
                last[0] = AlertFlowTest.recipient(e.get("alert"), channel);
                if (java.util.List.of(statuses).contains(last[0].get("status").asText())) {
                    return last[0];
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + channel + " in " + java.util.List.of(statuses) + ", last "
                + last[0]);
    }

    private AppHarness start(FakeTwilio twilio, int smtpPort, String maxAttempts) throws Exception {
        Map<Setting, String> s = AlertFlowTest.channels(TwoServers.freePort(), twilio, smtpPort, "0.3");
        s.put(Setting.ALERT_MAX_ATTEMPTS, maxAttempts);
        s.put(Setting.COUNTDOWN_SECONDS, "0");
        return AppHarness.start(dir, s);
    }

    private static String incident(WsClient ws) {
        return ws.ofType("countdown").get(0).get("incident_id").asText();
    }

    @Test
    void an_email_sent_while_the_smtp_server_is_down_is_retried_and_recorded_sent_once_it_is_up() throws Exception {
        int smtpPort = TwoServers.freePort(); // nothing listens there yet
        try (FakeTwilio twilio = new FakeTwilio(); AppHarness app = start(twilio, smtpPort, "8")) {
            AlertFlowTest.Person p = AlertFlowTest.person(app);
            String id = incident(AlertFlowTest.scream(p));
            AlertFlowTest.await(() -> {
                try {
                    JsonNode e = AlertFlowTest.event(p.client(), id);
                    return e != null && e.path("alert").has("recipients")
                            && AlertFlowTest.recipient(e.get("alert"), "email").get("attempts").asInt() >= 2;
                } catch (Exception ex) {
                    return false;
                }
            }, "two failed email attempts");
            JsonNode whileDown = recipientOnce(p, id, "email", "queued");

            GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                JsonNode sent = recipientOnce(p, id, "email", "sent");
                Thread.sleep(1_000);

                assertTrue(whileDown.get("error").asText().contains("SMTP"), whileDown.toString());
                assertTrue(sent.get("attempts").asInt() >= 3, sent.toString());
                assertEquals(1, smtp.getReceivedMessages().length, "delivered once");
                assertEquals("sent", AlertFlowTest.recipient(AlertFlowTest.event(p.client(), id).get("alert"), "sms")
                        .get("status").asText(), "the SMS went out meanwhile");
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    void an_sms_that_twilio_answers_with_500_is_retried_and_recorded_sent_once() throws Exception {
        try (FakeTwilio twilio = new FakeTwilio(); AppHarness app = start(twilio, TwoServers.freePort(), "5")) {
            twilio.failNext(2, 500);
            AlertFlowTest.Person p = AlertFlowTest.person(app);
            String id = incident(AlertFlowTest.scream(p));

            JsonNode sms = recipientOnce(p, id, "sms", "sent");
            Thread.sleep(1_000);

            assertEquals(3, sms.get("attempts").asInt());
            assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size());
            assertEquals(3, twilio.requests.get());
        }
    }

    @Test
    void an_sms_whose_request_to_twilio_times_out_is_retried_and_recorded_sent_once() throws Exception {
        try (FakeTwilio twilio = new FakeTwilio(); AppHarness app = start(twilio, TwoServers.freePort(), "5")) {
            twilio.stallNext(1, 12_000); // beyond the client's 10 s timeout
            AlertFlowTest.Person p = AlertFlowTest.person(app);
            String id = incident(AlertFlowTest.scream(p));
            AlertFlowTest.await(() -> twilio.requests.get() >= 1, "the first request");

            long deadline = System.currentTimeMillis() + 40_000;
            JsonNode sms = null;
            while (System.currentTimeMillis() < deadline) {
                JsonNode e = AlertFlowTest.event(p.client(), id);
                sms = e == null || !e.path("alert").has("recipients") ? null : AlertFlowTest.recipient(e.get("alert"), "sms");
                if (sms != null && "sent".equals(sms.get("status").asText())) {
                    break;
                }
                Thread.sleep(100);
            }
            Thread.sleep(1_000);

            assertEquals("sent", sms.get("status").asText(), String.valueOf(sms));
            assertEquals(2, sms.get("attempts").asInt(), "the timed-out attempt, then the one that went through");
            assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size());
        }
    }

    @Test
    void an_sms_that_twilio_keeps_refusing_with_500_is_recorded_failed_after_the_last_attempt() throws Exception {
        try (FakeTwilio twilio = new FakeTwilio(); AppHarness app = start(twilio, TwoServers.freePort(), "3")) {
            twilio.failNext(1_000, 500);
            AlertFlowTest.Person p = AlertFlowTest.person(app);
            String id = incident(AlertFlowTest.scream(p));

            JsonNode sms = recipientOnce(p, id, "sms", "failed");
            Thread.sleep(1_500);

            assertEquals(3, sms.get("attempts").asInt());
            assertTrue(sms.get("error").asText().contains("500"), sms.toString());
            assertEquals(3, twilio.requests.get(), "no attempt after the last");
        }
    }
}
