package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import io.screamguard.server.support.FakeTwilio;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A contact's incident page (/i/{token}) in a real Chromium: the position on a map whose tiles
 * come from MAP_TILE_URL (a local tile server on another origin, which the Content-Security-Policy
 * lets in for images only), what and when, and "I'm on my way".
 */
class IncidentPageTest {
    @TempDir
    Path dataDir;

    /** A tile server on 127.0.0.1 answering every path with one grey 256 px PNG; counts requests. */
    private static HttpServer tileServer(AtomicInteger requests) throws Exception {
        BufferedImage tile = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 256; y++) {
                tile.setRGB(x, y, (x % 64 == 0 || y % 64 == 0) ? 0xb0c4b1 : 0xe8efe0);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(tile, "png", png);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.size());
            exchange.getResponseBody().write(png.toByteArray());
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String awaitIncidentToken(FakeTwilio twilio) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            if (!twilio.messages.isEmpty()) {
                Matcher m = Pattern.compile("/i/([A-Za-z0-9_-]{22})").matcher(twilio.messages.get(0).body());
                assertTrue(m.find(), "an incident link in " + twilio.messages.get(0).body());
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no SMS reached the fake Twilio");
    }

    @Test
    void the_contact_sees_the_position_on_a_tiled_map_and_says_they_are_on_their_way() throws Exception {
        AtomicInteger tileRequests = new AtomicInteger();
        HttpServer tiles = tileServer(tileRequests);
        String tileOrigin = "http://localhost:" + tiles.getAddress().getPort();
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        try (FakeTwilio twilio = new FakeTwilio()) {
            settings.put(Setting.TWILIO_ACCOUNT_SID, FakeTwilio.SID);
            settings.put(Setting.TWILIO_AUTH_TOKEN, FakeTwilio.TOKEN);
            settings.put(Setting.TWILIO_FROM_NUMBER, FakeTwilio.FROM);
            settings.put(Setting.TWILIO_API_BASE_URL, twilio.baseUrl());
            settings.put(Setting.MAP_TILE_URL, tileOrigin + "/tiles/{z}/{x}/{y}.png");
            try (AppHarness harness = AppHarness.start(dataDir, settings);
                 Browser browser = Browser.open()) {
                ApiClient ana = harness.createPerson("ana@example.org");
                assertEquals(201, ana.postJson("/api/contacts", "{\"name\":\"Sam Contact\",\"phone\":\"+447911123456\"}").statusCode());
                HistoryPageTest.upload(ana, HistoryPageTest.screamWav(), 48.85837, 2.29448, true);
                String token = awaitIncidentToken(twilio);

                Pages.recordProblems(browser); // a contact: no session
                Pages.open(browser, harness, "/i/" + token);
                browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("what")).getText().contains("may need help"));
                browser.waitFor(Pages.WAIT, d -> d.findElements(By.cssSelector("#map path.leaflet-interactive")).size() == 1);
                browser.waitFor(Pages.WAIT, d -> !d.findElements(By.cssSelector("#map img.leaflet-tile-loaded")).isEmpty());

                assertTrue(Pages.text(browser, "where").contains("48.85837, 2.29448"), Pages.text(browser, "where"));
                assertTrue(Pages.text(browser, "when").contains("scream was detected"), Pages.text(browser, "when"));
                assertTrue(tileRequests.get() > 0, "tiles were fetched from MAP_TILE_URL");
                assertEquals("Nobody has said they are on their way yet.", Pages.text(browser, "others"));
                Pages.screenshots(browser, "incident", By.tagName("body"));
                Pages.assertFitsPhoneWidth(browser);

                browser.driver.findElement(By.id("ack")).click();
                browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("message")).getText().startsWith("Thank you, Sam Contact"));
                assertFalse(browser.driver.findElement(By.id("ack")).isDisplayed(), "the button is gone once pressed");
                assertEquals("On their way: Sam Contact.", Pages.text(browser, "others"));
                assertTrue(AppHarness.json(harness.anonymous().get("/api/i/" + token)).get("you").get("acknowledged").asBoolean());
                Pages.screenshots(browser, "incident-acknowledged", By.tagName("body"));
                Pages.assertNoProblems(browser);

                // the policy lets tiles in from MAP_TILE_URL's origin only: an image from elsewhere is refused
                browser.driver.executeScript("const i = document.createElement('img'); i.src = arguments[0]; document.body.append(i);",
                        "http://127.0.0.1:" + tiles.getAddress().getPort() + "/elsewhere.png");
                browser.waitFor(Duration.ofSeconds(10), d -> !Pages.problems(browser).isEmpty());
                List<String> problems = Pages.problems(browser);
                assertTrue(problems.get(0).startsWith("CSP violation: img-src"), problems.toString());
            } finally {
                tiles.stop(0);
            }
        }
    }
}
