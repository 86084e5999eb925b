package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The browser test harness itself: Chromium reaches the app, and the webjars are served. */
class WebShellTest {

    @TempDir
    Path dataDir;

    @Test
    void serves_leaflet_and_chart_js_from_their_webjars() throws Exception {
        try (AppHarness harness = AppHarness.startSignedOut(dataDir, Map.of())) {
            HttpResponse<String> leaflet = harness.anonymous().get("/webjars/leaflet/1.9.4/dist/leaflet.js");
            HttpResponse<String> chart = harness.anonymous().get("/webjars/chart.js/4.4.1/dist/chart.umd.js");

            assertEquals(200, leaflet.statusCode());
            assertTrue(leaflet.body().contains("Leaflet"), "the Leaflet script");
            assertEquals(200, chart.statusCode());
            assertTrue(chart.body().contains("Chart"), "the Chart.js script");
        }
    }

    @Test
    void the_first_run_page_creates_the_administrator_in_a_real_browser() throws Exception {
        try (AppHarness harness = AppHarness.startSignedOut(dataDir, Map.of());
             Browser browser = Browser.open()) {
            browser.driver.get(harness.uri("/signin.html").toString());
            browser.waitFor(Duration.ofSeconds(20), d -> d.findElement(By.id("submit")).getText().equals("Create account"));

            browser.driver.findElement(By.name("email")).sendKeys("first@example.org");
            browser.driver.findElement(By.name("password")).sendKeys(AppHarness.PASSWORD);
            browser.driver.findElement(By.id("submit")).click();

            browser.waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().endsWith("/"));
            HttpResponse<String> accounts = harness.signIn("first@example.org", AppHarness.PASSWORD).get("/api/account");
            assertEquals(200, accounts.statusCode(), accounts.body());
            assertTrue(accounts.body().contains("\"admin\""), accounts.body());
        }
    }
}
