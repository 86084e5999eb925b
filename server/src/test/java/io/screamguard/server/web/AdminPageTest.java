package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.AudioRejected;
import io.screamguard.server.scoring.ClipScore;
import io.screamguard.server.scoring.DetectorTuning;
import io.screamguard.server.scoring.ModelInfo;
import io.screamguard.server.scoring.Scoring;
import io.screamguard.server.scoring.StreamFormat;
import io.screamguard.server.scoring.StreamListener;
import io.screamguard.server.scoring.StreamScorer;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import io.screamguard.server.support.FakeScoring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The Admin view in a real Chromium: status, the threshold slider's curve figures, saving settings, audit, users. */
class AdminPageTest {
    @TempDir
    Path dataDir;

    /**
     * The fake scorer with a known threshold curve: at threshold t, precision t, recall 1 - t and
     * false-alarm rate (1 - t) / 2, every 0.05.
     */
    static final class CurvedScoring implements Scoring {
        private final FakeScoring fake = new FakeScoring(600);

        @Override
        public ModelInfo model() {
            return fake.model();
        }

        @Override
        public DetectorTuning tuning() {
            return fake.tuning();
        }

        @Override
        public void retune(DetectorTuning tuning) {
            fake.retune(tuning);
        }

        @Override
        public Map<String, Object> modelTraining() {
            List<Map<String, Object>> points = new ArrayList<>();
            for (int i = 0; i <= 20; i++) {
                double t = i / 20.0;
                points.add(Map.of("threshold", t, "precision", t, "recall", 1 - t, "false_alarm_rate", (1 - t) / 2));
            }
            return Map.of("metrics", Map.of("groupKFold", Map.of("thresholdCurve", points)));
        }

        @Override
        public ClipScore scoreClip(byte[] audio) throws AudioRejected {
            return fake.scoreClip(audio);
        }

        @Override
        public StreamScorer openStream(StreamFormat format, StreamListener listener) {
            return fake.openStream(format, listener);
        }
    }

    @Test
    void the_threshold_slider_shows_the_curve_figures_of_the_chosen_value_and_saving_changes_the_settings() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of(), new CurvedScoring(), OfflineIpLocator.empty());
             Browser browser = Browser.open()) {
            Pages.signIn(browser, harness, harness.owner);
            Pages.open(browser, harness, "/admin.html");
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("status-figures")).getText().contains("Active streams"));
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("threshold-value")).getText().equals("0.50"));
            assertEquals("50 %", Pages.text(browser, "fig-precision"));
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("accounts")).getText().contains(AppHarness.OWNER_EMAIL));

            WebElement slider = browser.driver.findElement(By.id("threshold"));
            for (int i = 0; i < 20; i++) {
                slider.sendKeys(Keys.ARROW_RIGHT); // the keyboard alone moves it, 0.01 a step
            }
            assertEquals("0.70", Pages.text(browser, "threshold-value"));
            assertEquals("70 %", Pages.text(browser, "fig-precision"));
            assertEquals("30 %", Pages.text(browser, "fig-recall"));
            assertEquals("15 %", Pages.text(browser, "fig-false-alarms"));
            assertEquals(0.5, AppHarness.json(harness.owner.get("/api/admin/settings")).get("threshold_probability").asDouble(),
                    1e-9, "nothing saved while sliding");

            WebElement countdown = browser.driver.findElement(By.id("countdown"));
            countdown.clear();
            countdown.sendKeys("7");
            browser.driver.findElement(By.id("settings-save")).click();
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("settings-done")).getText().startsWith("Saved"));
            JsonNode settings = AppHarness.json(harness.owner.get("/api/admin/settings"));
            assertEquals(0.7, settings.get("threshold_probability").asDouble(), 1e-9);
            assertEquals(7, settings.get("countdown_seconds").asInt());
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("audit")).getText().contains("threshold_probability 0.5 → 0.7"));

            browser.driver.findElement(By.id("invite")).click();
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("invitation")).getText().contains("/signin.html?invitation="));

            Pages.screenshots(browser, "admin", By.tagName("body"));
            Pages.screenshots(browser, "admin-settings", By.id("settings-form"));
            Pages.assertFitsPhoneWidth(browser);
            Pages.assertNoProblems(browser);
        }
    }

    @Test
    void a_person_who_is_not_an_admin_gets_no_admin_page() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of());
             Browser browser = Browser.open()) {
            ApiClient ana = harness.createPerson("ana@example.org");
            Pages.signIn(browser, harness, ana);
            Pages.open(browser, harness, "/admin.html");
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.cssSelector("main")).getText().contains("for admins"));

            assertTrue(browser.driver.findElements(By.cssSelector("#site-header a[href='/admin.html']")).isEmpty(),
                    "no Admin link in the navigation");
            assertEquals(403, ana.get("/api/admin/status").statusCode());
            Pages.assertNoProblems(browser);
        }
    }
}
