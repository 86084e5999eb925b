package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The History view in a real Chromium: the person's events, on a map, per day, and an alert's recipients. */
class HistoryPageTest {
    private static final int RATE = 16000;

    @TempDir
    Path dataDir;

    static byte[] screamWav() {
        return TestAudio.wav(TestAudio.concat(TestAudio.noise(RATE, 0.5, 0.01, 1), TestAudio.harmonicTone(RATE, 2.0, 650),
                TestAudio.noise(RATE, 0.5, 0.01, 2)), RATE);
    }

    static byte[] quietWav() {
        return TestAudio.wav(TestAudio.noise(RATE, 2.0, 0.01, 3), RATE);
    }

    /** Uploads a recording at a position (null: none); returns its event id. */
    static String upload(ApiClient who, byte[] wav, Double latitude, Double longitude, boolean alert) throws Exception {
        List<AppHarness.Part> parts = new ArrayList<>(List.of(AppHarness.Part.file("file", "rec.wav", wav)));
        if (latitude != null) {
            parts.add(AppHarness.Part.field("latitude", latitude.toString()));
            parts.add(AppHarness.Part.field("longitude", longitude.toString()));
            parts.add(AppHarness.Part.field("accuracy", "30"));
        }
        if (alert) {
            parts.add(AppHarness.Part.field("alert", "true"));
        }
        HttpResponse<String> r = who.postForm("/api/analyze", parts);
        assertEquals(200, r.statusCode(), r.body());
        return AppHarness.json(r).get("event_id").asText();
    }

    /** Waits until the event's alert lists its recipients (the alerting writes them shortly after). */
    static JsonNode awaitRecipients(ApiClient who, String eventId) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            JsonNode alert = AppHarness.json(who.get("/api/events/" + eventId)).path("alert");
            if (alert.path("recipients").size() > 0) {
                return alert;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the event " + eventId + " never listed its alert's recipients");
    }

    @Test
    void the_history_shows_the_persons_events_on_a_map_per_day_and_the_recipients_of_an_alert() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of())) {
            ApiClient ana = harness.createPerson("ana@example.org");
            assertEquals(201, ana.postJson("/api/contacts", "{\"name\":\"Sam Contact\",\"email\":\"sam@example.org\"}").statusCode());
            String alerted = upload(ana, screamWav(), 48.85837, 2.29448, true);
            upload(ana, quietWav(), 51.5007, -0.1246, false);
            upload(ana, screamWav(), 52.5163, 13.3777, false);
            upload(ana, quietWav(), null, null, false);
            awaitRecipients(ana, alerted);

            try (Browser browser = Browser.open()) {
                Pages.signIn(browser, harness, ana);
                Pages.open(browser, harness, "/history.html");

                browser.waitFor(Pages.WAIT, d -> d.findElements(By.cssSelector("#events tbody tr")).size() == 4);
                browser.waitFor(Pages.WAIT, d -> d.findElements(By.cssSelector("#map path.leaflet-interactive")).size() == 3);
                browser.waitFor(Pages.WAIT, d -> d.findElements(By.cssSelector("#per-day-table tbody tr")).size() == 1);
                Number chartScreams = (Number) browser.driver.executeScript(
                        "const c = Chart.getChart('per-day'); return c.data.datasets[0].data.reduce((a, b) => a + b, 0);");
                Number chartQuiet = (Number) browser.driver.executeScript(
                        "return Chart.getChart('per-day').data.datasets[1].data.reduce((a, b) => a + b, 0);");
                assertEquals(2, chartScreams.intValue(), "screams in the per-day chart");
                assertEquals(2, chartQuiet.intValue(), "no-scream events in the per-day chart");
                assertTrue(Pages.text(browser, "map-note").contains("3 of the 4 events"), Pages.text(browser, "map-note"));

                new Select(browser.driver.findElement(By.id("filter-verdict"))).selectByValue("scream");
                browser.driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
                browser.waitFor(Pages.WAIT, d -> d.findElements(By.cssSelector("#events tbody tr")).size() == 2);
                browser.waitFor(Pages.WAIT, d -> d.findElements(By.cssSelector("#map path.leaflet-interactive")).size() == 2);

                Pages.screenshots(browser, "history", By.tagName("body"));
                Pages.screenshots(browser, "history-events", By.id("events-title"));
                Pages.assertFitsPhoneWidth(browser);

                browser.driver.findElement(By.cssSelector("#events tbody tr[data-event-id='" + alerted + "'] button")).click();
                Pages.shown(browser, By.id("recipients"));
                String recipients = Pages.text(browser, "recipients");
                assertTrue(recipients.contains("Sam Contact") && recipients.contains("email")
                        && recipients.contains("not sent (channel not set up)"), recipients);
                assertTrue(Pages.text(browser, "detail-facts").contains("48.858"), Pages.text(browser, "detail-facts"));

                Pages.screenshots(browser, "history-detail", By.id("detail"));
                Pages.assertFitsPhoneWidth(browser);
                Pages.assertNoProblems(browser);
            }
        }
    }

    @Test
    void a_second_person_sees_none_of_the_first_persons_history_in_the_page_or_at_the_api() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of())) {
            ApiClient ana = harness.createPerson("ana@example.org");
            ApiClient ben = harness.createPerson("ben@example.org");
            String anasEvent = upload(ana, screamWav(), 48.85837, 2.29448, false);
            harness.app.events().awaitWrites(Duration.ofSeconds(10));

            try (Browser browser = Browser.open()) {
                Pages.signIn(browser, harness, ben);
                Pages.open(browser, harness, "/history.html");
                browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("events-count")).getText().equals("(0)"));

                assertTrue(browser.driver.findElement(By.id("empty")).isDisplayed(), "says no events match");
                assertEquals(0, browser.driver.findElements(By.cssSelector("#events tbody tr")).size());
                assertEquals(0, browser.driver.findElements(By.cssSelector("#map path.leaflet-interactive")).size());
                assertEquals(0, browser.driver.findElements(By.cssSelector("#per-day-table tbody tr")).size());
                Pages.assertNoProblems(browser);
            }
            assertEquals(0, AppHarness.json(ben.get("/api/events")).get("total").asInt());
            assertEquals(404, ben.get("/api/events/" + anasEvent).statusCode());
            assertEquals(403, ben.get("/api/events?user=" + ana.accountId).statusCode());
            assertEquals(403, ben.get("/api/stats?user=" + ana.accountId).statusCode());
            assertEquals(0, AppHarness.json(ben.get("/api/stats")).get("total").asInt());
            assertEquals(1, AppHarness.json(ana.get("/api/events")).get("total").asInt(), "ana still sees hers");
        }
    }

    @Test
    void a_live_incident_plays_its_audio_clip_from_the_history() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of(Setting.COUNTDOWN_SECONDS, "0",
                Setting.STREAM_QUEUE_SECONDS, "30"))) {
            ApiClient ana = harness.createPerson("ana@example.org");
            // 11 s quiet, a 2 s scream, 11 s quiet, streamed faster than real time: one incident, its clip kept
            byte[] pcm = TestAudio.s16le(TestAudio.concat(TestAudio.noise(RATE, 11, 0.01, 5),
                    TestAudio.harmonicTone(RATE, 2.0, 650), TestAudio.noise(RATE, 11, 0.01, 6)));
            WsClient ws = ana.stream("/api/stream");
            ws.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
            for (int at = 0; at < pcm.length; at += RATE) {
                ws.binary(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + RATE)));
                Thread.sleep(5);
            }
            Instant until = Instant.now().plusSeconds(30);
            while (ws.incidents("ended").isEmpty() && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            ws.close();
            assertTrue(!ws.incidents("ended").isEmpty(), "an incident in " + ws.messages);
            String incident = ws.incidents("ended").get(0).get("event_id").asText();
            while (ana.get("/api/incidents/" + incident + "/clip").statusCode() != 200 && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }

            HttpResponse<String> header = ana.send(ana.request("/api/incidents/" + incident + "/clip")
                    .header("Range", "bytes=0-43").GET().build());
            assertEquals(206, header.statusCode(), "byte ranges, which the audio player needs for its length and seeking");
            assertTrue(header.body().startsWith("RIFF"), "the WAV header");

            try (Browser browser = Browser.open()) {
                Pages.signIn(browser, harness, ana);
                Pages.open(browser, harness, "/history.html");
                browser.waitFor(Pages.WAIT, d -> !d.findElements(By.cssSelector("#events tbody tr[data-event-id='" + incident + "']")).isEmpty());
                browser.driver.findElement(By.cssSelector("#events tbody tr[data-event-id='" + incident + "'] button")).click();
                Pages.shown(browser, By.id("clip"));
                Number seconds = browser.waitFor(Pages.WAIT, d -> (Number) browser.driver.executeScript(
                        "const a = document.getElementById('clip'); return a.readyState >= 1 && a.duration > 0 ? a.duration : null;"));

                assertTrue(seconds.doubleValue() > 15 && seconds.doubleValue() < 30, "the clip lasts about 22 s, got " + seconds);
                assertTrue(!browser.driver.findElement(By.id("clip-missing")).isDisplayed());
                Pages.assertNoProblems(browser);
            }
        }
    }
}
