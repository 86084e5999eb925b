package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeTwilio;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipient's incident page, "I'm on my way", and the one escalation when nobody answers (ESCALATE_AFTER_SECONDS=2). */
class AlertEscalationTest {
    @TempDir
    static Path dataDir;
    static FakeTwilio twilio;
    static AppHarness server;

    @BeforeAll
    static void start() throws Exception {
        twilio = new FakeTwilio();
        Map<Setting, String> s = AlertRestartTest.smsOnly(AlertFlowTest.freePort(), twilio, "0.05");
        s.put(Setting.ESCALATE_AFTER_SECONDS, "2");
        s.put(Setting.COUNTDOWN_SECONDS, "0");
        server = AppHarness.start(dataDir, s);
    }

    @AfterAll
    static void stop() {
        server.close();
        twilio.close();
    }

    static String token(String sms) {
        Matcher m = Pattern.compile("/i/([A-Za-z0-9_-]{22})").matcher(sms);
        assertTrue(m.find(), "an incident link in " + sms);
        return m.group(1);
    }

    @Test
    void im_on_my_way_is_recorded_pushed_to_the_person_shown_on_the_page_and_stops_the_escalation() throws Exception {
        AlertFlowTest.Person p = AlertFlowTest.person(server);
        WsClient ws = AlertFlowTest.scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();
        AlertFlowTest.await(() -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 1, "the SMS");
        String token = token(AlertFlowTest.smsTo(twilio, p.phone()).get(0).body());
        ApiClient stranger = server.anonymous(); // no sign-in: the link is the credential

        JsonNode before = AppHarness.json(stranger.get("/api/i/" + token));
        HttpResponse<String> ack = stranger.postJson("/api/i/" + token + "/ack", "");
        HttpResponse<String> page = stranger.get("/i/" + token);

        assertTrue(before.get("who").asText().startsWith("person"), before.toString());
        assertEquals(51.5007, before.get("location").get("latitude").asDouble(), 1e-9);
        assertTrue(before.get("location").get("google_maps").asText().contains("51.50070,-0.12460"));
        assertFalse(before.get("you").get("acknowledged").asBoolean());
        assertEquals(200, ack.statusCode(), ack.body());
        assertTrue(AppHarness.json(ack).get("you").get("acknowledged").asBoolean());
        assertEquals("Sam Contact", AppHarness.json(ack).get("on_their_way").get(0).asText());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/incident.js"), page.body());
        AlertFlowTest.await(() -> !ws.ofType("acknowledged").isEmpty(), "the acknowledgement on the person's stream");
        assertEquals("Sam Contact", ws.ofType("acknowledged").get(0).get("contact").asText());
        AlertFlowTest.await(() -> {
            try {
                return "acknowledged".equals(AlertFlowTest.recipient(AlertFlowTest.event(p.client(), incidentId).get("alert"),
                        "sms").get("status").asText());
            } catch (Exception e) {
                return false;
            }
        }, "the sms recipient acknowledged");
        Thread.sleep(3_000); // past ESCALATE_AFTER_SECONDS
        assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size(), "no escalation after an acknowledgement");
        ws.close();
    }

    @Test
    void without_an_acknowledgement_the_alert_is_sent_once_more_and_only_once() throws Exception {
        AlertFlowTest.Person p = AlertFlowTest.person(server);
        WsClient ws = AlertFlowTest.scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        AlertFlowTest.await(() -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 2, "the escalation");
        Thread.sleep(3_000);

        assertEquals(2, AlertFlowTest.smsTo(twilio, p.phone()).size(), "escalated once");
        assertEquals(AlertFlowTest.smsTo(twilio, p.phone()).get(0).body(), AlertFlowTest.smsTo(twilio, p.phone()).get(1).body());
        AlertFlowTest.await(() -> !ws.ofType("escalated").isEmpty(), "the escalation on the person's stream");
        JsonNode alert = AlertFlowTest.event(p.client(), incidentId).get("alert");
        long escalations = 0;
        for (JsonNode r : alert.get("recipients")) {
            escalations += "escalation".equals(r.get("kind").asText()) ? 1 : 0;
        }
        assertEquals(2, escalations, "sms sent again, email skipped again: " + alert);
        ws.close();
    }

    @Test
    void the_incident_page_shows_the_probability_trace_around_the_detection() throws Exception {
        AlertFlowTest.Person p = AlertFlowTest.person(server);
        WsClient ws = AlertFlowTest.scream(p);
        AlertFlowTest.await(() -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 1, "the SMS");
        String token = token(AlertFlowTest.smsTo(twilio, p.phone()).get(0).body());
        AlertFlowTest.await(() -> !ws.ofType("hop").isEmpty(), "the hops");
        ws.close(); // the stream ends within 10 s of the detection: the trace ends with it
        ApiClient contact = server.anonymous();

        AlertFlowTest.await(() -> {
            try {
                return AppHarness.json(contact.get("/api/i/" + token)).get("trace").size() > 1;
            } catch (Exception e) {
                return false;
            }
        }, "the trace on the incident page");
        JsonNode trace = AppHarness.json(contact.get("/api/i/" + token)).get("trace");
        HttpResponse<String> html = contact.get("/i/" + token);

        double maxSent = ws.ofType("hop").stream().mapToDouble(h -> h.get("probability").asDouble()).max().orElseThrow();
        double previous = Double.NEGATIVE_INFINITY;
        double maxTraced = 0;
        boolean beforeDetection = false;
        for (JsonNode point : trace) {
            double t = point.get("t").asDouble();
            assertTrue(t > previous && t >= -30 && t <= 10, "in time order, 30 s before to 10 s after: " + trace);
            previous = t;
            beforeDetection |= t <= 0;
            maxTraced = Math.max(maxTraced, point.get("p").asDouble());
        }
        assertTrue(beforeDetection, "the hops that led to the detection are in it: " + trace);
        assertEquals(maxSent, maxTraced, 1e-9, "the hops the stream showed, the peak included");
        assertTrue(html.body().contains("id=\"trace\""), "the page has the chart's place");
    }

    @Test
    void an_unknown_link_shows_nothing_and_acknowledges_nothing() throws Exception {
        ApiClient stranger = server.anonymous();

        assertEquals(404, stranger.get("/api/i/AAAAAAAAAAAAAAAAAAAAAA").statusCode());
        assertEquals(404, stranger.postJson("/api/i/AAAAAAAAAAAAAAAAAAAAAA/ack", "").statusCode());
        assertEquals(404, stranger.get("/api/i/not-a-token").statusCode());
    }

    @Test
    void the_incident_page_follows_the_positions_the_persons_stream_sends_after_the_alert() throws Exception {
        AlertFlowTest.Person p = AlertFlowTest.person(server);
        WsClient ws = AlertFlowTest.scream(p);
        AlertFlowTest.await(() -> AlertFlowTest.smsTo(twilio, p.phone()).size() == 1, "the SMS");
        AlertFlowTest.await(() -> !ws.ofType("alert").isEmpty(), "the alert");
        String token = token(AlertFlowTest.smsTo(twilio, p.phone()).get(0).body());
        ApiClient contact = server.anonymous();
        assertEquals(51.5007, AppHarness.json(contact.get("/api/i/" + token)).get("location").get("latitude").asDouble(), 1e-9);

        ws.text("{\"type\":\"location\",\"latitude\":51.52000,\"longitude\":-0.11000,\"accuracy\":8}");

        AlertFlowTest.await(() -> {
            try {
                JsonNode where = AppHarness.json(contact.get("/api/i/" + token)).get("location");
                return Math.abs(where.get("latitude").asDouble() - 51.52) < 1e-9
                        && where.get("google_maps").asText().contains("51.52000,-0.11000");
            } catch (Exception e) {
                return false;
            }
        }, "the page's position to follow the stream");
        ws.close();
    }

    @Test
    void a_voice_contact_gets_a_call_reading_the_alert_twice_and_its_completion_marks_it_delivered() throws Exception {
        ApiClient person = server.createPerson("voice" + System.nanoTime() + "@example.org");
        HttpResponse<String> added = person.postJson("/api/contacts", "{\"name\":\"Kim\",\"phone\":\"+447911123499\","
                + "\"channels\":[\"sms\",\"voice\"],\"language\":\"de\"}");
        assertEquals(201, added.statusCode(), added.body());
        AlertFlowTest.Person p = new AlertFlowTest.Person(person, "+447911123499", "none@example.org",
                AppHarness.json(added).get("id").asText());
        WsClient ws = AlertFlowTest.scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        AlertFlowTest.await(() -> twilio.calls.stream().anyMatch(c -> p.phone().equals(c.form().get("To"))), "the call");
        FakeTwilio.Sent call = twilio.calls.stream().filter(c -> p.phone().equals(c.form().get("To"))).findFirst().orElseThrow();
        String twiml = call.form().get("Twiml");
        assertTrue(twiml.contains("<Say language=\"de-DE\" loop=\"2\">") && twiml.contains("braucht vielleicht Hilfe"), twiml);
        assertEquals(FakeTwilio.FROM, call.form().get("From"));

        assertEquals(204, twilio.callback(call, "completed", FakeTwilio.TOKEN));
        AlertFlowTest.await(() -> {
            try {
                return "delivered".equals(AlertFlowTest.recipient(AlertFlowTest.event(p.client(), incidentId).get("alert"),
                        "voice").get("status").asText());
            } catch (Exception e) {
                return false;
            }
        }, "the voice recipient delivered");
        ws.close();
    }
}
