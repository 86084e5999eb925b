package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.screamguard.server.alert.Gsm7;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeTwilio;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a scream on the stream to messages at a local fake of Twilio's API (through the stock SDK)
 * and in GreenMail (through Jakarta Mail), on the whole app. Each test is another person with one
 * contact (its own number and address), so the cooldown and the hourly limit of one test do not
 * reach another.
 */
class AlertFlowTest {
    static final String HELLO = "{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1,\"time_zone\":\"Europe/London\"}";
    static final String POSITION = "{\"type\":\"location\",\"latitude\":51.50070,\"longitude\":-0.12460,\"accuracy\":12}";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path dataDir;
    static FakeTwilio twilio;
    static AppHarness server;
    static String publicBaseUrl;
    static final AtomicInteger PEOPLE = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        twilio = new FakeTwilio();
        int port = freePort();
        publicBaseUrl = "http://127.0.0.1:" + port;
        server = AppHarness.start(dataDir, channels(port, twilio, MAIL.getSmtp().getPort(), "0.05"));
    }

    /** Settings with both channels pointed at the local fakes. */
    static Map<Setting, String> channels(int port, FakeTwilio twilio, int smtpPort, String retrySeconds) {
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.put(Setting.PORT, Integer.toString(port));
        s.put(Setting.PUBLIC_BASE_URL, "http://127.0.0.1:" + port);
        s.put(Setting.STREAM_QUEUE_SECONDS, "30");
        s.put(Setting.TWILIO_ACCOUNT_SID, FakeTwilio.SID);
        s.put(Setting.TWILIO_AUTH_TOKEN, FakeTwilio.TOKEN);
        s.put(Setting.TWILIO_FROM_NUMBER, FakeTwilio.FROM);
        s.put(Setting.TWILIO_API_BASE_URL, twilio.baseUrl());
        s.put(Setting.SMTP_HOST, "127.0.0.1");
        s.put(Setting.SMTP_PORT, Integer.toString(smtpPort));
        s.put(Setting.SMTP_SECURITY, "none");
        s.put(Setting.MAIL_FROM, "alerts@screamguard.test");
        s.put(Setting.ALERT_RETRY_SECONDS, retrySeconds);
        s.put(Setting.ALERT_MAX_ATTEMPTS, "5");
        s.put(Setting.ALERT_UPDATE_SECONDS, "1");
        return s;
    }

    @AfterAll
    static void stop() {
        server.close();
        twilio.close();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A new person with one contact on sms and email; returns the client and the contact's number and address. */
    record Person(ApiClient client, String phone, String email, String contactId) {
    }

    static Person person(AppHarness app) throws Exception {
        int n = PEOPLE.incrementAndGet();
        ApiClient c = app.createPerson("person" + n + "-" + System.nanoTime() + "@example.org");
        String phone = "+4479111234" + String.format("%02d", n);
        String email = "contact" + n + "@example.org";
        HttpResponse<String> r = c.postJson("/api/contacts", "{\"name\":\"Sam Contact\",\"phone\":\"" + phone
                + "\",\"email\":\"" + email + "\",\"channels\":[\"sms\",\"email\"],\"language\":\"en\","
                + "\"note\":\"You have a key to the blue door.\"}");
        assertEquals(201, r.statusCode(), r.body());
        return new Person(c, phone, email, AppHarness.json(r).get("id").asText());
    }

    static void countdown(int seconds) throws Exception {
        HttpResponse<String> r = server.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":" + seconds + "}");
        assertEquals(200, r.statusCode(), r.body());
    }

    static void cooldown(int seconds) throws Exception {
        HttpResponse<String> r = server.owner.putJson("/api/admin/settings", "{\"cooldown_seconds\":" + seconds + "}");
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Opens a stream, sends the hello and the position, then the scream; returns once the countdown message came. */
    static WsClient scream(Person p) throws Exception {
        WsClient ws = p.client().stream("/api/stream");
        ws.text(HELLO);
        ws.text(POSITION);
        StreamApiTest.sendInRandomChunks(ws, TestAudio.wavPayload(StreamApiTest.screamWav48k()), 3);
        await(() -> !ws.ofType("countdown").isEmpty(), "the countdown message: " + ws.messages);
        return ws;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    static List<FakeTwilio.Sent> smsTo(FakeTwilio fake, String phone) {
        return fake.messages.stream().filter(m -> phone.equals(m.form().get("To"))).toList();
    }

    static List<MimeMessage> mailTo(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            try {
                for (Address a : m.getAllRecipients()) {
                    if (a.toString().equals(address)) {
                        out.add(m);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static JsonNode event(ApiClient c, String id) throws Exception {
        HttpResponse<String> r = c.get("/api/events/" + id);
        return r.statusCode() == 200 ? AppHarness.json(r) : null;
    }

    /** The event's alert once its status is one of the given. */
    static JsonNode alertOf(ApiClient c, String incidentId, String... statuses) throws Exception {
        JsonNode[] last = {null};
        await(() -> {
            try {
                JsonNode e = event(c, incidentId);
                last[0] = e;
                return e != null && List.of(statuses).contains(e.path("alert").path("status").asText());
            } catch (Exception ex) {
                return false;
            }
        }, "alert status " + List.of(statuses) + " of event " + incidentId + ", last " + last[0]);
        return last[0].get("alert");
    }

    static JsonNode recipient(JsonNode alert, String channel) {
        for (JsonNode r : alert.get("recipients")) {
            if (channel.equals(r.get("channel").asText())) {
                return r;
            }
        }
        throw new AssertionError("no " + channel + " recipient in " + alert);
    }

    static String part(MimeMessage m, String type) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart b = mp.getBodyPart(i);
            if (b.isMimeType(type)) {
                return (String) b.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    @Test
    void an_uncancelled_countdown_sends_the_sms_and_the_email_with_the_position_sent_over_the_stream() throws Exception {
        countdown(1);
        Person p = person(server);

        WsClient ws = scream(p);

        JsonNode cd = ws.ofType("countdown").get(0);
        assertEquals(1, cd.get("seconds").asInt());
        String incidentId = cd.get("incident_id").asText();
        await(() -> smsTo(twilio, p.phone()).size() == 1 && mailTo(p.email()).size() == 1, "the SMS and the email");
        await(() -> !ws.ofType("alert").isEmpty(), "the alert message on the stream");
        assertEquals("raised", ws.ofType("alert").get(0).get("status").asText());
        ws.close();

        FakeTwilio.Sent sms = smsTo(twilio, p.phone()).get(0);
        assertEquals(FakeTwilio.FROM, sms.form().get("From"));
        assertTrue(sms.body().contains("https://maps.google.com/?q=51.50070,-0.12460"), sms.body());
        assertTrue(sms.body().contains(publicBaseUrl + "/i/"), sms.body());
        assertTrue(sms.body().contains("person"), "names the person: " + sms.body());
        assertTrue(sms.body().matches("(?s).*\\d\\d:\\d\\d (GMT|BST).*"), "the time in the person's zone: " + sms.body());
        assertTrue(Gsm7.isGsm7(sms.body()) && Gsm7.segments(sms.body()) <= 2, sms.body());
        assertEquals(publicBaseUrl + "/api/alerts/twilio/status", sms.form().get("StatusCallback"));

        MimeMessage mail = mailTo(p.email()).get(0);
        assertTrue(mail.getSubject().contains("may need help"), mail.getSubject());
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        for (String body : List.of(text, html)) {
            assertTrue(body.contains("https://maps.google.com/?q=51.50070,-0.12460"), body);
            assertTrue(body.contains("https://www.openstreetmap.org/?mlat=51.50070&") || body.contains("openstreetmap.org/?mlat=51.50070&amp;"), body);
            assertTrue(body.contains(publicBaseUrl + "/i/"), body);
            assertTrue(body.contains("12 m") && body.contains("browser"), "accuracy and source: " + body);
            assertTrue(body.contains("You have a key to the blue door."), "the note: " + body);
        }

        JsonNode alert = alertOf(p.client(), incidentId, "sent");
        JsonNode smsRecipient = recipient(alert, "sms");
        assertEquals("sent", smsRecipient.get("status").asText());
        assertEquals(sms.sid(), smsRecipient.get("provider_id").asText());
        assertEquals(1, smsRecipient.get("attempts").asInt());
        assertEquals(p.contactId(), smsRecipient.get("contact_id").asText());
        assertEquals("sent", recipient(alert, "email").get("status").asText());
        JsonNode event = event(p.client(), incidentId);
        assertEquals("live_incident", event.get("type").asText());
        assertEquals("browser", event.get("location").get("source").asText());
    }

    @Test
    void a_signed_delivery_report_marks_the_sms_delivered_and_a_forged_one_changes_nothing() throws Exception {
        countdown(0);
        Person p = person(server);
        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();
        await(() -> smsTo(twilio, p.phone()).size() == 1, "the SMS");
        alertOf(p.client(), incidentId, "sent");
        FakeTwilio.Sent sms = smsTo(twilio, p.phone()).get(0);

        int forged = twilio.callback(sms, "undelivered", "not-the-auth-token");

        assertEquals(403, forged);
        assertEquals("sent", recipient(alertOf(p.client(), incidentId, "sent"), "sms").get("status").asText());

        int signed = twilio.callback(sms, "delivered", FakeTwilio.TOKEN);

        assertEquals(204, signed);
        await(() -> {
            try {
                return "delivered".equals(recipient(event(p.client(), incidentId).get("alert"), "sms").get("status").asText());
            } catch (Exception e) {
                return false;
            }
        }, "the sms recipient delivered");
        assertFalse(recipient(event(p.client(), incidentId).get("alert"), "sms").get("delivered_at").isNull());
        ws.close();
    }

    @Test
    void a_cancel_on_the_stream_inside_the_countdown_sends_nothing() throws Exception {
        countdown(2);
        Person p = person(server);
        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        ws.text("{\"type\":\"cancel\"}");

        await(() -> !ws.ofType("countdown_cancelled").isEmpty(), "the cancellation message");
        Thread.sleep(2_500); // past the countdown
        assertEquals(0, smsTo(twilio, p.phone()).size());
        assertEquals(0, mailTo(p.email()).size());
        assertEquals("cancelled", alertOf(p.client(), incidentId, "cancelled").get("status").asText());
        ws.close();
    }

    @Test
    void cancelling_over_http_stops_the_countdown_and_another_person_cannot_cancel_it() throws Exception {
        countdown(3);
        Person p = person(server);
        Person other = person(server);
        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        HttpResponse<String> foreign = other.client().postJson("/api/incidents/" + incidentId + "/cancel", "");
        HttpResponse<String> own = p.client().postJson("/api/incidents/" + incidentId + "/cancel", "");
        HttpResponse<String> again = p.client().postJson("/api/incidents/" + incidentId + "/cancel", "");

        assertEquals(404, foreign.statusCode(), foreign.body());
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(404, again.statusCode(), again.body());
        Thread.sleep(3_500);
        assertEquals(0, smsTo(twilio, p.phone()).size());
        ws.close();
    }

    @Test
    void a_stream_closed_during_the_countdown_still_raises_the_alarm() throws Exception {
        countdown(1);
        Person p = person(server);
        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        ws.abort(); // the phone knocked out of a hand

        await(() -> smsTo(twilio, p.phone()).size() == 1 && mailTo(p.email()).size() == 1, "the SMS and the email");
        assertEquals("sent", alertOf(p.client(), incidentId, "sent").get("status").asText());
    }

    @Test
    void two_incidents_within_the_cooldown_make_one_alert_and_one_update_with_the_newest_position() throws Exception {
        countdown(0);
        cooldown(120);
        Person p = person(server);
        WsClient ws = p.client().stream("/api/stream");
        ws.text(HELLO);
        ws.text(POSITION);
        byte[] scream = TestAudio.wavPayload(StreamApiTest.screamWav48k());
        StreamApiTest.sendInRandomChunks(ws, scream, 5);
        await(() -> ws.ofType("alert").size() == 1, "the first alert");
        await(() -> smsTo(twilio, p.phone()).size() == 1, "the alert's SMS");
        ws.text("{\"type\":\"location\",\"latitude\":51.51000,\"longitude\":-0.13000,\"accuracy\":30}");
        StreamApiTest.sendInRandomChunks(ws, scream, 6);
        await(() -> ws.ofType("alert").size() == 2, "the second incident's outcome");

        assertEquals("raised", ws.ofType("alert").get(0).get("status").asText());
        assertEquals("joined", ws.ofType("alert").get(1).get("status").asText());
        assertEquals(ws.ofType("alert").get(0).get("alert_id"), ws.ofType("alert").get(1).get("alert_id"));
        await(() -> smsTo(twilio, p.phone()).size() == 2, "the update (ALERT_UPDATE_SECONDS=1)");
        String update = smsTo(twilio, p.phone()).get(1).body();
        assertTrue(update.startsWith("ScreamGuard update") && update.contains("51.51000,-0.13000"), update);
        Thread.sleep(1_500);
        assertEquals(2, smsTo(twilio, p.phone()).size(), "one alert and one update, no second alert");
        assertEquals(2, mailTo(p.email()).size());
        String second = ws.ofType("countdown").get(1).get("incident_id").asText();
        JsonNode alert = alertOf(p.client(), second, "sent");
        assertEquals(2, alert.get("incident_ids").size());
        ws.close();
    }

    @Test
    void a_provider_failing_twice_then_succeeding_delivers_after_three_attempts() throws Exception {
        countdown(0);
        Person p = person(server);
        twilio.failNext(2, 503);

        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        await(() -> smsTo(twilio, p.phone()).size() == 1, "the SMS after the retries");
        JsonNode sms = recipient(alertOf(p.client(), incidentId, "sent"), "sms");
        await(() -> {
            try {
                return recipient(event(p.client(), incidentId).get("alert"), "sms").get("attempts").asInt() == 3;
            } catch (Exception e) {
                return false;
            }
        }, "three attempts recorded: " + sms);
        assertEquals("sent", recipient(event(p.client(), incidentId).get("alert"), "sms").get("status").asText());
        ws.close();
    }

    @Test
    void a_permanent_twilio_error_fails_at_once_with_the_providers_reason() throws Exception {
        countdown(0);
        Person p = person(server);
        twilio.failNext(1, 400);

        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        await(() -> mailTo(p.email()).size() == 1, "the email");
        JsonNode[] sms = {null};
        await(() -> {
            try {
                sms[0] = recipient(event(p.client(), incidentId).get("alert"), "sms");
                return "failed".equals(sms[0].get("status").asText());
            } catch (Exception e) {
                return false;
            }
        }, "the sms recipient failed");
        assertEquals(1, sms[0].get("attempts").asInt());
        assertTrue(sms[0].get("error").asText().contains("21211"), sms[0].toString());
        assertEquals(0, smsTo(twilio, p.phone()).size());
        ws.close();
    }

    @Test
    void a_contacts_test_message_goes_out_on_both_channels() throws Exception {
        Person p = person(server);

        HttpResponse<String> r = p.client().postJson("/api/contacts/" + p.contactId() + "/test", "");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode results = AppHarness.json(r).get("results");
        assertEquals(2, results.size());
        for (JsonNode result : results) {
            assertEquals("sent", result.get("status").asText(), result.toString());
        }
        assertTrue(smsTo(twilio, p.phone()).get(0).body().startsWith("ScreamGuard test"));
        await(() -> mailTo(p.email()).size() == 1, "the test email");
        assertNotNull(mailTo(p.email()).get(0).getSubject());
    }

    @Test
    void the_channels_route_says_both_channels_are_configured() throws Exception {
        JsonNode channels = AppHarness.json(server.get("/api/alerts/channels"));

        assertTrue(channels.get("sms").get("configured").asBoolean());
        assertTrue(channels.get("email").get("configured").asBoolean());
    }

    @Test
    void an_upload_alerts_at_once_only_when_it_asks_and_holds_a_scream() throws Exception {
        Person p = person(server);
        byte[] scream = StreamApiTest.screamWav48k();
        byte[] quiet = TestAudio.wav(TestAudio.noise(16000, 2, 0.01, 4), 16000);

        JsonNode notAsked = AppHarness.json(p.client().upload("a.wav", scream));
        JsonNode noScream = AppHarness.json(p.client().postForm("/api/analyze", List.of(
                AppHarness.Part.file("file", "q.wav", quiet), AppHarness.Part.field("alert", "true"))));
        JsonNode asked = AppHarness.json(p.client().postForm("/api/analyze", List.of(
                AppHarness.Part.file("file", "s.wav", scream), AppHarness.Part.field("alert", "true"),
                AppHarness.Part.field("latitude", "48.85837"), AppHarness.Part.field("longitude", "2.29448"))));

        assertEquals("none", notAsked.get("alert").asText());
        assertEquals("no_scream", noScream.get("alert").asText());
        assertEquals("raising", asked.get("alert").asText());
        await(() -> smsTo(twilio, p.phone()).size() == 1, "the upload's SMS");
        assertTrue(smsTo(twilio, p.phone()).get(0).body().contains("48.85837,2.29448"));
        assertEquals("sent", alertOf(p.client(), asked.get("event_id").asText(), "sent").get("status").asText());
        assertEquals("none", event(p.client(), notAsked.get("event_id").asText()).get("alert").get("status").asText());
        Thread.sleep(300);
        assertEquals(1, smsTo(twilio, p.phone()).size(), "only the upload that asked");
    }

    @Test
    void im_safe_ends_the_alert_and_every_contact_it_reached_gets_a_follow_up() throws Exception {
        countdown(0);
        Person p = person(server);
        Person other = person(server);
        WsClient ws = scream(p);
        await(() -> !ws.ofType("alert").isEmpty(), "the alert");
        String alertId = ws.ofType("alert").get(0).get("alert_id").asText();
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();
        await(() -> smsTo(twilio, p.phone()).size() == 1 && mailTo(p.email()).size() == 1, "the alert messages");
        alertOf(p.client(), incidentId, "sent");

        HttpResponse<String> foreign = other.client().postJson("/api/alerts/" + alertId + "/safe", "");
        HttpResponse<String> safe = p.client().postJson("/api/alerts/" + alertId + "/safe", "");
        HttpResponse<String> again = p.client().postJson("/api/alerts/" + alertId + "/safe", "");

        assertEquals(404, foreign.statusCode(), foreign.body());
        assertEquals(200, safe.statusCode(), safe.body());
        assertEquals(2, AppHarness.json(safe).get("follow_ups").asInt());
        assertEquals(404, again.statusCode(), again.body());
        await(() -> smsTo(twilio, p.phone()).size() == 2 && mailTo(p.email()).size() == 2, "the follow-ups");
        assertTrue(smsTo(twilio, p.phone()).get(1).body().contains("safe now"), smsTo(twilio, p.phone()).get(1).body());
        JsonNode alert = alertOf(p.client(), incidentId, "safe");
        assertEquals(4, alert.get("recipients").size(), "two alert messages and two follow-ups: " + alert);
        ws.close();
    }

    @Test
    void beyond_max_alerts_per_hour_an_incident_raises_no_alert() throws Exception {
        countdown(0);
        HttpResponse<String> limits = server.owner.putJson("/api/admin/settings",
                "{\"cooldown_seconds\":0,\"max_alerts_per_hour\":1}");
        assertEquals(200, limits.statusCode(), limits.body());
        try {
            Person p = person(server);
            WsClient ws = p.client().stream("/api/stream");
            ws.text(HELLO);
            byte[] scream = TestAudio.wavPayload(StreamApiTest.screamWav48k());
            StreamApiTest.sendInRandomChunks(ws, scream, 8);
            await(() -> ws.ofType("alert").size() == 1, "the first alert");
            StreamApiTest.sendInRandomChunks(ws, scream, 9);
            await(() -> ws.ofType("alert").size() == 2, "the second incident's outcome");

            assertEquals("raised", ws.ofType("alert").get(0).get("status").asText());
            assertEquals("rate_limited", ws.ofType("alert").get(1).get("status").asText());
            String second = ws.ofType("countdown").get(1).get("incident_id").asText();
            assertEquals("rate_limited", alertOf(p.client(), second, "rate_limited").get("status").asText());
            Thread.sleep(300);
            assertEquals(1, smsTo(twilio, p.phone()).size());
            ws.close();
        } finally {
            server.owner.putJson("/api/admin/settings", "{\"cooldown_seconds\":120,\"max_alerts_per_hour\":6}");
        }
    }

    @Test
    void with_a_pin_only_the_right_pin_cancels_and_a_missing_or_wrong_one_is_refused() throws Exception {
        countdown(3);
        Person p = person(server);
        assertEquals(200, p.client().putJson("/api/alerts/pins", "{\"pin\":\"2468\"}").statusCode());
        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        ws.text("{\"type\":\"cancel\"}");
        ws.text("{\"type\":\"cancel\",\"pin\":\"1111\"}");
        HttpResponse<String> wrong = p.client().postJson("/api/incidents/" + incidentId + "/cancel", "{\"pin\":\"0000\"}");
        await(() -> ws.ofType("cancel_refused").size() == 3, "three refusals");
        ws.text("{\"type\":\"cancel\",\"pin\":\"2468\"}");

        assertEquals(403, wrong.statusCode(), wrong.body());
        await(() -> ws.ofType("countdown_cancelled").size() == 1, "the cancellation");
        Thread.sleep(3_500);
        assertEquals(0, smsTo(twilio, p.phone()).size());
        assertEquals("cancelled", alertOf(p.client(), incidentId, "cancelled").get("status").asText());
        ws.close();
    }

    @Test
    void the_duress_pin_looks_like_a_cancel_and_sends_the_alert_marked_sent_under_duress() throws Exception {
        countdown(30);
        Person p = person(server);
        assertEquals(200, p.client().putJson("/api/alerts/pins", "{\"pin\":\"2468\",\"duress_pin\":\"1357\"}").statusCode());
        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();

        HttpResponse<String> duress = p.client().postJson("/api/incidents/" + incidentId + "/cancel", "{\"pin\":\"1357\"}");

        assertEquals(200, duress.statusCode(), duress.body());
        assertEquals(AppHarness.JSON.readTree("{\"cancelled\":true,\"incident_id\":\"" + incidentId + "\"}"),
                AppHarness.json(duress), "the same answer as a cancel");
        await(() -> smsTo(twilio, p.phone()).size() == 1 && mailTo(p.email()).size() == 1, "the alert, long before 30 s");
        assertTrue(smsTo(twilio, p.phone()).get(0).body().contains("sent under duress"), smsTo(twilio, p.phone()).get(0).body());
        assertTrue(Gsm7.segments(smsTo(twilio, p.phone()).get(0).body()) <= 2);
        assertTrue(mailTo(p.email()).get(0).getSubject().startsWith("[SENT UNDER DURESS]"));
        await(() -> ws.ofType("countdown_cancelled").size() == 1, "what the screen shows");
        Thread.sleep(300);
        assertTrue(ws.ofType("alert").isEmpty(), "nothing on the screen says it was sent: " + ws.messages);
        ws.close();
    }

    @Test
    void pins_are_4_to_8_digits_distinct_and_only_their_presence_is_shown() throws Exception {
        Person p = person(server);

        HttpResponse<String> shortPin = p.client().putJson("/api/alerts/pins", "{\"pin\":\"12\"}");
        HttpResponse<String> same = p.client().putJson("/api/alerts/pins", "{\"pin\":\"1234\",\"duress_pin\":\"1234\"}");
        HttpResponse<String> onlyDuress = p.client().putJson("/api/alerts/pins", "{\"duress_pin\":\"1234\"}");
        HttpResponse<String> ok = p.client().putJson("/api/alerts/pins", "{\"pin\":\"1234\",\"duress_pin\":\"9876\"}");

        UploadApiTest.assertError(shortPin, 400, "bad_request", "pin must be 4 to 8 digits");
        UploadApiTest.assertError(same, 400, "bad_request", "duress_pin must differ");
        UploadApiTest.assertError(onlyDuress, 400, "bad_request", "duress_pin needs a pin");
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode status = AppHarness.json(p.client().get("/api/alerts/pins"));
        assertTrue(status.get("pin_set").asBoolean() && status.get("duress_pin_set").asBoolean());
        assertFalse(status.toString().contains("1234"), status.toString());
        assertEquals(200, p.client().putJson("/api/alerts/pins", "{}").statusCode(), "both null clears them");
        assertFalse(AppHarness.json(p.client().get("/api/alerts/pins")).get("pin_set").asBoolean());
    }

    @Test
    void the_export_holds_the_persons_alerts_and_deleting_the_account_deletes_them_and_their_links() throws Exception {
        countdown(0);
        Person p = person(server);
        WsClient ws = scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();
        alertOf(p.client(), incidentId, "sent");
        ws.close();
        String token = AlertEscalationTest.token(smsTo(twilio, p.phone()).get(0).body());

        JsonNode export = AppHarness.json(p.client().get("/api/account/export"));
        HttpResponse<String> deleted = p.client().delete("/api/account");

        JsonNode items = export.get("alerts").get("items");
        assertEquals(1, items.size(), export.get("alerts").toString());
        assertEquals(2, items.get(0).get("messages").size());
        assertFalse(export.get("alerts").toString().contains(token), "the export holds no link token");
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(1, AppHarness.json(deleted).get("deleted").get("alerts").asLong());
        assertEquals(404, server.anonymous().get("/api/i/" + token).statusCode(), "the link stopped working");
    }
}
