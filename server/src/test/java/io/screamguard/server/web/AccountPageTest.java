package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The Account view in a real Chromium: PINs, audio sharing, time zone, export link, deleting the account. */
class AccountPageTest {
    @TempDir
    Path dataDir;

    @Test
    void a_person_sets_pins_shares_audio_picks_a_time_zone_and_finally_deletes_the_account() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of());
             Browser browser = Browser.open()) {
            ApiClient ana = harness.createPerson("ana@example.org");
            Pages.signIn(browser, harness, ana);
            Pages.open(browser, harness, "/account.html");
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("pins-status")).getText().startsWith("No PIN"));

            browser.driver.findElement(By.id("pin")).sendKeys("2468");
            browser.driver.findElement(By.id("duress-pin")).sendKeys("2468");
            browser.driver.findElement(By.id("pins-save")).click();
            Pages.shown(browser, By.id("pins-message"));
            assertFalse(AppHarness.json(ana.get("/api/alerts/pins")).get("pin_set").asBoolean(), "a duress PIN equal to the PIN is refused");

            browser.driver.findElement(By.id("pin")).clear();
            browser.driver.findElement(By.id("pin")).sendKeys("2468");
            browser.driver.findElement(By.id("duress-pin")).clear();
            browser.driver.findElement(By.id("duress-pin")).sendKeys("1357");
            browser.driver.findElement(By.id("pins-save")).click();
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("pins-status")).getText().contains("duress PIN"));
            assertTrue(AppHarness.json(ana.get("/api/alerts/pins")).get("pin_set").asBoolean());
            assertTrue(AppHarness.json(ana.get("/api/alerts/pins")).get("duress_pin_set").asBoolean());

            browser.driver.findElement(By.id("share-audio")).click();
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("sharing-status")).getText().startsWith("Saved"));
            assertTrue(AppHarness.json(ana.get("/api/alerts/sharing")).get("share_audio").asBoolean());

            new Select(browser.driver.findElement(By.id("time-zone"))).selectByValue("Asia/Tokyo");
            assertEquals("Asia/Tokyo", browser.driver.executeScript("return localStorage.getItem('screamguard.timeZone');"));
            assertEquals("/api/account/export", browser.driver.findElement(By.id("export")).getDomAttribute("href"));

            Pages.screenshots(browser, "account", By.tagName("body"));
            Pages.assertFitsPhoneWidth(browser);
            Pages.assertNoProblems(browser);

            assertFalse(browser.driver.findElement(By.id("delete-account")).isEnabled(), "disabled until the email is typed");
            browser.driver.findElement(By.id("delete-confirm")).sendKeys("ana@example.org");
            browser.driver.findElement(By.id("delete-account")).click();
            browser.waitFor(Pages.WAIT, d -> d.getCurrentUrl().endsWith("/signin.html"));
            assertEquals(401, harness.anonymous().postJson("/api/auth/login",
                    "{\"email\":\"ana@example.org\",\"password\":\"" + AppHarness.PASSWORD + "\"}").statusCode());
        }
    }
}
