package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import io.screamguard.server.support.TestAudio;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The monitor page reconnects by itself: the server goes away while the page listens (a network
 * drop as the page sees it), then comes back on the same address and store; the page says it is
 * reconnecting, then listens again without a click. With the fake scorer: any audio gives hops.
 */
class MonitorReconnectTest {
    static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dataDir;
    @TempDir
    Path audioDir;

    @Test
    void the_page_reconnects_by_itself_after_the_server_comes_back() throws Exception {
        Path tone = audioDir.resolve("tone.wav");
        Files.write(tone, TestAudio.wav(TestAudio.concat(TestAudio.noise(48000, 1.0, 0.05, 3),
                TestAudio.noise(48000, 1.0, 0.01, 4)), 48000));
        // a fixed port, so that the page can find the server again at the same address; a port found
        // free can be taken by another socket before the server binds it, so a few tries
        Map<Setting, String> settings = null;
        AppHarness first = null;
        for (int attempt = 1; first == null; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                settings = Map.of(Setting.PORT, Integer.toString(s.getLocalPort()));
            }
            try {
                first = AppHarness.start(dataDir, settings);
            } catch (io.javalin.util.JavalinBindException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        boolean firstClosed = false;
        try (Browser browser = Browser.open(tone)) {
            // given a person listening
            browser.driver.get(first.uri("/signin.html").toString());
            browser.waitFor(WAIT, d -> d.findElement(By.id("submit")).isEnabled());
            browser.driver.findElement(By.name("email")).sendKeys(AppHarness.OWNER_EMAIL);
            browser.driver.findElement(By.name("password")).sendKeys(AppHarness.PASSWORD);
            browser.driver.findElement(By.id("submit")).click();
            browser.waitFor(WAIT, d -> d.findElement(By.id("toggle")).isEnabled()
                    && d.findElement(By.id("site-header")).getText().contains(AppHarness.OWNER_EMAIL));
            browser.driver.findElement(By.id("toggle")).click();
            browser.waitFor(WAIT, d -> d.findElement(By.id("state-text")).getText().startsWith("Listening")
                    && lastT(d) > 0);

            // when the server goes away, the page says it is reconnecting
            first.close();
            firstClosed = true;
            browser.waitFor(WAIT, d -> d.findElement(By.id("state-text")).getText().contains("reconnecting"));

            // then once it is back (same address, same store: the session still holds) it listens again by itself
            try (AppHarness second = AppHarness.start(dataDir, settings)) {
                browser.waitFor(WAIT, d -> d.findElement(By.id("state-text")).getText().startsWith("Listening"));
                double before = lastT(browser.driver);
                browser.waitFor(WAIT, d -> lastT(d) != before);
                assertTrue(browser.driver.findElement(By.id("toggle")).getAttribute("aria-pressed").equals("true"));
            }
        } finally {
            if (!firstClosed) {
                first.close();
            }
        }
    }

    static double lastT(org.openqa.selenium.WebDriver d) {
        String t = d.findElement(By.id("trace")).getAttribute("data-last-t");
        return t == null || t.isEmpty() ? 0 : Double.parseDouble(t);
    }
}
