package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incident clips end to end: a stream with an incident keeps a 16 kHz WAV from 10 s before the
 * incident to 10 s after it, which its owner (and an admin) can fetch and nobody else; deleting the
 * account deletes it.
 */
class ClipTest {
    private static final int RATE = 48_000;
    private static final String HELLO = "{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1,\"time_zone\":\"Europe/London\"}";
    @TempDir
    static Path dataDir;
    static AppHarness server;
    static io.screamguard.server.support.FakeTwilio twilio;

    @BeforeAll
    static void start() throws Exception {
        twilio = new io.screamguard.server.support.FakeTwilio();
        Map<Setting, String> s = AlertRestartTest.smsOnly(AlertFlowTest.freePort(), twilio, "0.05");
        s.put(Setting.COUNTDOWN_SECONDS, "0");
        s.put(Setting.STREAM_QUEUE_SECONDS, "30"); // the test sends faster than real time: nothing may be shed
        server = AppHarness.start(dataDir, s);
    }

    @AfterAll
    static void stop() {
        server.close();
        twilio.close();
    }

    static String linkOf(AlertFlowTest.Person p) throws InterruptedException {
        AlertFlowTest.await(() -> !AlertFlowTest.smsTo(twilio, p.phone()).isEmpty(), "the SMS");
        return AlertEscalationTest.token(AlertFlowTest.smsTo(twilio, p.phone()).get(0).body());
    }

    /** 12 s of quiet noise, a 2 s scream, 12 s of quiet noise: one incident from about 12 s to 14 s. */
    static byte[] streamPcm() {
        return TestAudio.s16le(TestAudio.concat(TestAudio.noise(RATE, 12, 0.05, 21), TestAudio.harmonicTone(RATE, 2.0, 650),
                TestAudio.noise(RATE, 12, 0.05, 22)));
    }

    record Streamed(ApiClient person, String email, String incidentId, double startSeconds, double endSeconds, short[] sent) {
    }

    static Streamed streamWithAnIncident() throws Exception {
        return streamWithAnIncident(server);
    }

    static Streamed streamWithAnIncident(AppHarness app) throws Exception {
        String email = "clip" + System.nanoTime() + "@example.org";
        ApiClient person = app.createPerson(email);
        byte[] pcm = streamPcm();
        WsClient ws = person.stream("/api/stream");
        ws.text(HELLO);
        for (int at = 0; at < pcm.length; at += RATE) { // 0.5 s per message
            ws.binary(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + RATE)));
            Thread.sleep(10);
        }
        AlertFlowTest.await(() -> !ws.incidents("ended").isEmpty(), "the incident's end");
        ws.close();
        JsonNode ended = ws.incidents("ended").get(0);
        short[] sent = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(sent);
        return new Streamed(person, email, ended.get("event_id").asText(), ended.get("start_s").asDouble(),
                ended.get("end_s").asDouble(), sent);
    }

    static HttpResponse<byte[]> clip(ApiClient c, String incidentIdOrPath) throws Exception {
        String path = incidentIdOrPath.startsWith("/") ? incidentIdOrPath : "/api/incidents/" + incidentIdOrPath + "/clip";
        return java.net.http.HttpClient.newHttpClient().send(c.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> awaitClip(Streamed s) throws Exception {
        AlertFlowTest.await(() -> {
            try {
                return clip(s.person(), s.incidentId()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, "the clip");
        return clip(s.person(), s.incidentId());
    }

    @Test
    void a_stream_with_an_incident_keeps_the_audio_from_10_s_before_to_10_s_after_for_its_owner_only() throws Exception {
        Streamed s = streamWithAnIncident();

        HttpResponse<byte[]> r = awaitClip(s);
        ApiClient other = server.createPerson("other" + System.nanoTime() + "@example.org");

        assertEquals("audio/wav", r.headers().firstValue("Content-Type").orElse(""));
        ByteBuffer wav = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(r.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, wav.getShort(22), "mono");
        assertEquals(16_000, wav.getInt(24), "16 kHz");
        assertEquals(16, wav.getShort(34), "16-bit");
        int samples = wav.getInt(40) / 2;
        double expectedSeconds = (s.endSeconds() + 10) - (s.startSeconds() - 10);
        assertEquals(expectedSeconds, samples / 16_000.0, 0.1, "10 s before the incident to 10 s after it");
        // 48 kHz -> 16 kHz: every third sample sent, from 10 s before the incident's start. The part
        // before the confirmation comes from the stream's compact ring (at most its 15 s): within a 7.5th
        // of the loudest sample of its 1 ms block; what was recorded after it is 16-bit, as sent.
        int firstSent = (int) Math.round((s.startSeconds() - 10) * RATE);
        int fromRingAtMost = 15 * 16_000; // ClipRecorder.RING_SECONDS
        int mismatches = 0;
        for (int i = 0; i < samples; i++) {
            short got = wav.getShort(44 + 2 * i);
            short sent = s.sent()[firstSent + 3 * i];
            double tolerance = 2;
            if (i < fromRingAtMost) {
                int peak = 0;
                for (int j = Math.max(0, i - 16); j <= Math.min(samples - 1, i + 16); j++) {
                    peak = Math.max(peak, Math.abs(s.sent()[firstSent + 3 * j]));
                }
                tolerance += peak / 7.5;
            }
            mismatches += Math.abs(got - sent) > tolerance ? 1 : 0;
        }
        assertEquals(0, mismatches, "the clip's samples are the ones sent");
        assertEquals(404, clip(other, s.incidentId()).statusCode(), "another person's incident");
        assertEquals(401, clip(server.anonymous(), s.incidentId()).statusCode(), "no sign-in");
        assertEquals(200, clip(server.owner, s.incidentId()).statusCode(), "an admin");
        JsonNode export = AppHarness.json(s.person().get("/api/account/export"));
        assertTrue(export.toString().contains(s.incidentId()) && export.toString().contains("\"bytes\":" + r.body().length),
                "the export lists the clip: " + export);
    }

    @Test
    void the_incident_page_plays_the_clip_only_when_the_person_shares_audio() throws Exception {
        AlertFlowTest.Person p = AlertFlowTest.person(server);
        WsClient ws = AlertFlowTest.scream(p);
        String incidentId = ws.ofType("countdown").get(0).get("incident_id").asText();
        ws.close(); // the clip ends with the stream
        AlertFlowTest.await(() -> {
            try {
                return clip(p.client(), incidentId).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, "the clip");
        ApiClient contact = server.anonymous();
        String link = linkOf(p);

        HttpResponse<byte[]> notShared = clip(contact, "/api/i/" + link + "/clip");
        JsonNode pageBefore = AppHarness.json(contact.get("/api/i/" + link));
        HttpResponse<String> share = p.client().putJson("/api/alerts/sharing", "{\"share_audio\":true}");
        HttpResponse<byte[]> shared = clip(contact, "/api/i/" + link + "/clip");
        JsonNode pageAfter = AppHarness.json(contact.get("/api/i/" + link));

        assertEquals(404, notShared.statusCode(), "not shared by default");
        assertEquals(false, pageBefore.get("clip").asBoolean());
        assertEquals(200, share.statusCode(), share.body());
        assertTrue(AppHarness.json(share).get("share_audio").asBoolean());
        assertEquals(200, shared.statusCode());
        assertEquals(java.util.Arrays.toString(clip(p.client(), incidentId).body()).hashCode(),
                java.util.Arrays.toString(shared.body()).hashCode(), "the same clip the person gets");
        assertEquals(true, pageAfter.get("clip").asBoolean());
        assertEquals(404, clip(contact, "/api/i/AAAAAAAAAAAAAAAAAAAAAA/clip").statusCode(), "an unknown link");
    }

    @Test
    void deleting_the_account_deletes_its_clips() throws Exception {
        Streamed s = streamWithAnIncident();
        awaitClip(s);

        HttpResponse<String> deleted = s.person().delete("/api/account");

        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(404, clip(server.owner, s.incidentId()).statusCode(), "gone for the admin too");
    }
}
