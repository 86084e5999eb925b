package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.screamguard.server.ShippedScoring;
import io.screamguard.server.config.Setting;
import io.screamguard.server.scoring.CoreScoring;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import io.screamguard.server.support.FakeTwilio;
import io.screamguard.server.support.ScreamFixtures;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The monitor, sign-in and upload pages in a real Chromium whose microphone plays real recordings
 * (a scream the shipped model detects, a non-scream it does not: chosen at test time from
 * ../shared/datasets), against the whole app with the shipped model, the local Twilio fake and
 * GreenMail. Screenshots of each view go to target/screenshots. The first test is the first run
 * (it creates the administrator in the page); the others are people the administrator creates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorPageTest {
    static final String ADMIN = "admin@example.org";
    static final double LATITUDE = 51.50070;
    static final double LONGITUDE = -0.12460;
    static final Duration WAIT = Duration.ofSeconds(40);
    /**
     * Until the looped scream gives a countdown: usually its first pass (3-5 s), but the browser's
     * resampling can shift a pass's windows below the debounce, and a loaded machine scores late.
     */
    static final Duration SCREAM_WAIT = Duration.ofSeconds(60);
    static final Pattern INCIDENT_LINK = Pattern.compile("https?://[^\\s\"<>]+/i/[A-Za-z0-9_-]{22}");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path fixtureDir;
    static FakeTwilio twilio;
    static AppHarness server;
    static CoreScoring scoring;
    static ScreamFixtures.Fixture scream;
    static ScreamFixtures.Fixture calm;
    static final AtomicInteger PEOPLE = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        ScreamFixtures.datasets();
        scoring = ShippedScoring.load();
        scream = ScreamFixtures.scream(scoring, fixtureDir, 5.0, 3.0, 0.9);
        calm = ScreamFixtures.nonScream(scoring, fixtureDir, 6.0, 0.5);
        phase("fixtures: scream " + scream.clip() + " (" + scream.score().incidents().size() + " incident, peak "
                + scream.score().peakProbability() + "), non-scream " + calm.clip() + " (peak " + calm.score().peakProbability() + ")");
        twilio = new FakeTwilio();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.PORT, Integer.toString(port));
        settings.put(Setting.PUBLIC_BASE_URL, "http://127.0.0.1:" + port);
        settings.put(Setting.TWILIO_ACCOUNT_SID, FakeTwilio.SID);
        settings.put(Setting.TWILIO_AUTH_TOKEN, FakeTwilio.TOKEN);
        settings.put(Setting.TWILIO_FROM_NUMBER, FakeTwilio.FROM);
        settings.put(Setting.TWILIO_API_BASE_URL, twilio.baseUrl());
        settings.put(Setting.SMTP_HOST, "127.0.0.1");
        settings.put(Setting.SMTP_PORT, Integer.toString(MAIL.getSmtp().getPort()));
        settings.put(Setting.SMTP_SECURITY, "none");
        settings.put(Setting.MAIL_FROM, "alerts@screamguard.test");
        settings.put(Setting.ALERT_RETRY_SECONDS, "0.05");
        settings.put(Setting.STREAM_QUEUE_SECONDS, "30");
        server = AppHarness.startSignedOut(dataDir, settings, scoring);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @Test
    @Order(1)
    void first_run_then_a_scream_on_the_microphone_alerts_the_contact_who_acknowledges_on_the_incident_page()
            throws Exception {
        try (Browser browser = Browser.open(scream.wav())) {
            // given a fresh server: the first-run page creates the administrator
            browser.driver.get(server.uri("/signin.html").toString());
            browser.waitFor(WAIT, d -> d.findElement(By.id("submit")).getText().equals("Create account"));
            browser.driver.findElement(By.name("email")).sendKeys(ADMIN);
            browser.driver.findElement(By.name("password")).sendKeys(AppHarness.PASSWORD);
            browser.screenshots("signin-first-run");
            browser.driver.findElement(By.id("submit")).click();
            browser.waitFor(WAIT, d -> d.findElement(By.id("toggle")).isEnabled()
                    && d.findElement(By.id("site-header")).getText().contains(ADMIN));
            ApiClient admin = admin();
            settings(admin, "{\"countdown_seconds\":3}");
            String phone = "+447911123401";
            String email = "sam@example.org";
            contact(admin, phone, email);
            browser.setGeolocation(LATITUDE, LONGITUDE, 12);
            browser.screenshots("monitor-idle");

            // when the person starts listening and the microphone hears a scream
            browser.driver.findElement(By.id("toggle")).click();
            phase("first run: listening");
            browser.waitFor(SCREAM_WAIT, d -> d.findElement(By.id("countdown")).isDisplayed());
            phase("first run: countdown shown");
            browser.screenshots("monitor-countdown");
            assertTrue(browser.driver.findElement(By.id("position")).getText().contains("51.50070"),
                    "the page says the position comes from the browser: "
                            + browser.driver.findElement(By.id("position")).getText());

            // then nobody cancels: the page shows the contact's messages as sent
            browser.waitFor(WAIT, d -> !d.findElement(By.id("countdown")).isDisplayed()
                    && d.findElement(By.id("alert-panel")).isDisplayed());
            browser.waitFor(WAIT, d -> reached(d, "sms") && reached(d, "email"));
            phase("first run: recipients sent");
            browser.screenshots("monitor-alert-sent");

            // and the SMS at the Twilio fake and the email in GreenMail carry the map link of the position
            List<FakeTwilio.Sent> sms = twilio.messages.stream().filter(m -> phone.equals(m.form().get("To"))).toList();
            assertFalse(sms.isEmpty(), "an SMS to " + phone + ": " + twilio.messages);
            assertTrue(sms.get(0).body().contains("51.50070,-0.12460"), sms.get(0).body());
            MimeMessage mail = mailTo(email);
            String mailText = text(mail);
            assertTrue(mailText.contains("51.50070"), mailText);

            // when the contact opens the link of the SMS in another browser and says they are on their way
            Matcher link = INCIDENT_LINK.matcher(sms.get(0).body());
            assertTrue(link.find(), sms.get(0).body());
            try (Browser contact = Browser.open()) {
                contact.driver.get(link.group());
                contact.waitFor(WAIT, d -> d.findElement(By.id("ack")).isDisplayed());
                assertTrue(contact.driver.getPageSource().contains("51.50070"), "the contact sees the position");
                contact.driver.findElement(By.id("ack")).click();
            }

            // then the person's page shows it
            browser.waitFor(WAIT, d -> !d.findElements(By.cssSelector("#recipients li[data-status='acknowledged']")).isEmpty());
            assertTrue(browser.driver.findElement(By.id("recipients")).getText().contains("on their way"));
            assertEquals("Help is on the way", browser.driver.findElement(By.id("alert-title")).getText());
            browser.screenshots("monitor-acknowledged");
            stopListening(browser);
        }
    }

    @Test
    @Order(2)
    void a_non_scream_recording_raises_no_countdown_for_its_whole_length() throws Exception {
        ApiClient admin = admin();
        String email = person(admin);
        try (Browser browser = Browser.open(calm.wav())) {
            signIn(browser, email);
            browser.setGeolocation(LATITUDE, LONGITUDE, 25);
            browser.driver.findElement(By.id("toggle")).click();

            // the whole recording (and a little of its loop) is scored without a countdown
            double until = calm.durationSeconds() + 1.0;
            browser.waitFor(Duration.ofSeconds(60), d -> {
                assertFalse(d.findElement(By.id("countdown")).isDisplayed(),
                        "a countdown for the non-scream " + calm.clip());
                return lastT(d) >= until;
            });
            assertEquals("true", browser.driver.findElement(By.id("toggle")).getAttribute("aria-pressed"));
            assertTrue(browser.driver.findElement(By.id("state-text")).getText().startsWith("Listening"));
            assertTrue(browser.driver.findElement(By.id("position")).getText().contains("about 25 m"),
                    "the page says where the position comes from and how accurate it is");
            browser.screenshots("monitor-listening");
            stopListening(browser);
        }
        // the page sent 16 kHz (Chromium resampled the microphone into a 16 kHz AudioContext), as its hello said
        ApiClient person = server.signIn(email, AppHarness.PASSWORD);
        JsonNode[] session = {null};
        awaitTrue(() -> {
            JsonNode items = json(person.get("/api/events?type=live_session")).get("items");
            session[0] = items.size() > 0 ? items.get(0) : null;
            return session[0] != null;
        });
        assertTrue(session[0].get("source").get("format").asText().startsWith("16000 Hz"), session[0].toString());
    }

    @Test
    @Order(3)
    void im_ok_during_the_countdown_pressed_with_the_keyboard_sends_nothing() throws Exception {
        ApiClient admin = admin();
        settings(admin, "{\"countdown_seconds\":30}");
        String email = person(admin);
        ApiClient person = server.signIn(email, AppHarness.PASSWORD);
        String phone = "+447911123402";
        contact(person, phone, "kim@example.org");
        phase("im-ok: start");
        try (Browser browser = Browser.open(scream.wav())) {
            phase("im-ok: browser open");
            signIn(browser, email);
            phase("im-ok: signed in");
            browser.driver.findElement(By.id("toggle")).click();
            browser.waitFor(SCREAM_WAIT, d -> d.findElement(By.id("countdown")).isDisplayed());

            phase("im-ok: countdown shown");
            // with the keyboard alone: the countdown puts the focus on I'm OK, Enter presses it
            browser.waitFor(WAIT, d -> "im-ok".equals(browser.driver.switchTo().activeElement().getAttribute("id")));
            new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
            browser.waitFor(WAIT, d -> !d.findElement(By.id("countdown")).isDisplayed());
            phase("im-ok: countdown gone");
            stopListening(browser);

            assertEquals(0, server.app.alerts().runningCountdowns(), "no countdown left running");
            assertTrue(twilio.messages.stream().noneMatch(m -> phone.equals(m.form().get("To"))), "no SMS to " + phone);
            assertTrue(mailToAll("kim@example.org").isEmpty(), "no email to the contact");
        } finally {
            settings(admin, "{\"countdown_seconds\":3}");
        }
    }

    @Test
    @Order(4)
    void with_a_pin_im_ok_asks_for_it_and_a_reload_during_the_countdown_shows_the_countdown_again() throws Exception {
        ApiClient admin = admin();
        settings(admin, "{\"countdown_seconds\":30}");
        String email = person(admin);
        ApiClient person = server.signIn(email, AppHarness.PASSWORD);
        assertEquals(200, person.putJson("/api/alerts/pins", "{\"pin\":\"2468\"}").statusCode());
        String phone = "+447911123403";
        contact(person, phone, "lee@example.org");
        try (Browser browser = Browser.open(scream.wav())) {
            signIn(browser, email);
            browser.driver.findElement(By.id("toggle")).click();
            browser.waitFor(SCREAM_WAIT, d -> d.findElement(By.id("countdown")).isDisplayed());

            // a reload (or a reconnection) shows the countdown still running on the server
            browser.driver.navigate().refresh();
            browser.waitFor(SCREAM_WAIT, d -> d.findElement(By.id("countdown")).isDisplayed());
            int left = Integer.parseInt(browser.driver.findElement(By.id("countdown-seconds")).getText());
            assertTrue(left > 0 && left <= 30, "seconds left after the reload: " + left);

            // I'm OK asks for the PIN; a wrong one lets the countdown go on, the right one stops it
            browser.driver.findElement(By.id("im-ok")).click();
            browser.waitFor(WAIT, d -> d.findElement(By.id("pin-form")).isDisplayed());
            browser.screenshots("monitor-pin-pad");
            for (String digit : List.of("1", "1", "1", "1")) {
                browser.driver.findElement(By.cssSelector(".pin-pad [data-digit='" + digit + "']")).click();
            }
            browser.driver.findElement(By.id("pin-ok")).click();
            browser.waitFor(WAIT, d -> d.findElement(By.id("cancel-message")).getText().contains("wrong"));
            assertTrue(browser.driver.findElement(By.id("countdown")).isDisplayed());
            browser.driver.findElement(By.id("pin")).sendKeys("2468");
            browser.driver.findElement(By.id("pin-ok")).click();
            browser.waitFor(WAIT, d -> !d.findElement(By.id("countdown")).isDisplayed());

            assertEquals(0, server.app.alerts().runningCountdowns(), "no countdown left running");
            assertTrue(twilio.messages.stream().noneMatch(m -> phone.equals(m.form().get("To"))), "no SMS to " + phone);
        } finally {
            settings(admin, "{\"countdown_seconds\":3}");
        }
    }

    @Test
    @Order(5)
    void a_microphone_that_sends_only_digital_silence_is_reported() throws Exception {
        Path silence = fixtureDir.resolve("silence.wav");
        java.nio.file.Files.write(silence, io.screamguard.server.support.TestAudio.wav(new float[48000 * 2], 48000));
        String email = person(admin());
        try (Browser browser = Browser.open(silence)) {
            signIn(browser, email);
            browser.driver.findElement(By.id("toggle")).click();
            browser.waitFor(Duration.ofSeconds(30), d -> d.findElement(By.id("mic-warning")).isDisplayed());
            assertTrue(browser.driver.findElement(By.id("mic-warning")).getText().contains("silence"),
                    browser.driver.findElement(By.id("mic-warning")).getText());
        }
    }

    @Test
    @Order(6)
    void an_upload_draws_its_timeline_and_a_running_monitor_follows_the_admins_new_threshold() throws Exception {
        ApiClient admin = admin();
        String email = person(admin);
        double modelThreshold = scoring.model().thresholdProbability();
        try (Browser browser = Browser.open(calm.wav())) {
            signIn(browser, email);

            // an upload draws the probability of each of its windows
            browser.driver.get(server.uri("/upload.html").toString());
            browser.waitFor(WAIT, d -> d.findElement(By.id("site-header")).getText().contains(email));
            browser.driver.executeScript("document.getElementById('file').classList.remove('visually-hidden')");
            browser.driver.findElement(By.id("file")).sendKeys(scream.wav().toAbsolutePath().toString());
            browser.driver.executeScript("document.getElementById('file').classList.add('visually-hidden')");
            browser.driver.findElement(By.id("analyse")).click();
            browser.waitFor(WAIT, d -> d.findElement(By.id("result")).isDisplayed());
            String windows = browser.driver.findElement(By.id("timeline")).getAttribute("data-windows");
            assertEquals(Integer.toString(scream.score().timeline().size()), windows, "one point per window");
            assertTrue(browser.driver.findElement(By.id("verdict")).getText().startsWith("Scream detected"));
            browser.driver.executeScript("document.getElementById('player').play()");
            browser.waitFor(WAIT, d -> Double.parseDouble(d.findElement(By.id("timeline")).getAttribute("data-cursor")) > 0.3);
            assertFalse(browser.driver.findElement(By.id("alert-outcome")).isDisplayed(), "no alert unless asked");
            browser.driver.executeScript("document.getElementById('result').scrollIntoView()");
            browser.screenshots("upload");

            // asked to, the same upload alerts the contacts
            browser.driver.findElement(By.id("alert-contacts")).click();
            browser.driver.findElement(By.id("analyse")).click();
            browser.waitFor(WAIT, d -> d.findElement(By.id("alert-outcome")).isDisplayed());
            assertTrue(browser.driver.findElement(By.id("alert-outcome")).getText().contains("being alerted"));

            // a running monitor shows the model's threshold, then the admin's new one from its next hop
            browser.driver.get(server.uri("/").toString());
            browser.waitFor(WAIT, d -> d.findElement(By.id("toggle")).isEnabled());
            browser.driver.findElement(By.id("toggle")).click();
            String before = String.format(java.util.Locale.ROOT, "%.2f", modelThreshold);
            browser.waitFor(WAIT, d -> d.findElement(By.id("threshold-value")).getText().equals(before));
            settings(admin, "{\"threshold_probability\":0.6}");
            browser.waitFor(WAIT, d -> d.findElement(By.id("threshold-value")).getText().equals("0.60"));
        } finally {
            settings(admin, "{\"threshold_probability\":" + modelThreshold + "}");
        }
    }

    static long started = System.nanoTime();

    /** Prints the seconds since the class started, for the report of how long each phase takes. */
    static void phase(String what) {
        System.out.printf(java.util.Locale.ROOT, "[MonitorPageTest] %6.1f s %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    @Test
    @Order(7)
    void over_plain_http_under_a_host_name_the_page_warns_that_it_is_not_a_secure_context() throws Exception {
        String email = person(admin());
        try (Browser browser = Browser.open(calm.wav(), List.of("--host-resolver-rules=MAP screamguard.test 127.0.0.1"))) {
            browser.driver.get("http://screamguard.test:" + server.app.port() + "/signin.html");
            browser.waitFor(WAIT, d -> d.findElement(By.id("submit")).isEnabled());
            browser.driver.findElement(By.name("email")).sendKeys(email);
            browser.driver.findElement(By.name("password")).sendKeys(AppHarness.PASSWORD);
            browser.driver.findElement(By.id("submit")).click();
            browser.waitFor(WAIT, d -> d.findElement(By.id("site-header")).getText().contains(email));

            browser.waitFor(WAIT, d -> d.findElement(By.id("insecure")).isDisplayed());
            assertTrue(browser.driver.findElement(By.id("insecure")).getText().contains("HTTPS"));
            assertFalse(browser.driver.findElement(By.id("toggle")).isEnabled(), "no microphone outside a secure context");
            browser.screenshots("monitor-insecure");
        }
    }

    /** The administrator's API client (registered here when the first test did not run). */
    static ApiClient admin() throws Exception {
        boolean fresh = ApiClient.json(server.anonymous().get("/api/auth/status")).get("setup_required").asBoolean();
        return fresh ? server.signUp(ADMIN) : server.signIn(ADMIN, AppHarness.PASSWORD);
    }

    /** A new person created by the administrator; returns their email. */
    static String person(ApiClient admin) throws Exception {
        String email = "person" + PEOPLE.incrementAndGet() + "@example.org";
        HttpResponse<String> r = admin.postJson("/api/admin/accounts",
                "{\"email\":\"" + email + "\",\"password\":\"" + AppHarness.PASSWORD + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        return email;
    }

    static void settings(ApiClient admin, String json) throws Exception {
        HttpResponse<String> r = admin.putJson("/api/admin/settings", json);
        assertEquals(200, r.statusCode(), r.body());
    }

    static void contact(ApiClient owner, String phone, String email) throws Exception {
        HttpResponse<String> r = owner.postJson("/api/contacts", "{\"name\":\"Sam Contact\",\"phone\":\"" + phone
                + "\",\"email\":\"" + email + "\",\"channels\":[\"sms\",\"email\"],\"language\":\"en\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    static void signIn(Browser browser, String email) {
        browser.driver.get(server.uri("/signin.html").toString());
        browser.waitFor(WAIT, d -> d.findElement(By.id("submit")).isEnabled());
        browser.driver.findElement(By.name("email")).sendKeys(email);
        browser.driver.findElement(By.name("password")).sendKeys(AppHarness.PASSWORD);
        browser.driver.findElement(By.id("submit")).click();
        browser.waitFor(WAIT, d -> d.findElement(By.id("toggle")).isEnabled()
                && d.findElement(By.id("site-header")).getText().contains(email));
    }

    /**
     * Presses stop by script: the looped scream can raise another countdown whose full-screen
     * dialog covers the control, and a pointer click would then land on the dialog.
     */
    static void stopListening(Browser browser) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById('toggle').click()");
    }

    static boolean reached(WebDriver d, String channel) {
        return d.findElements(By.cssSelector("#recipients li[data-channel='" + channel + "']")).stream()
                .anyMatch(li -> List.of("sent", "delivered", "acknowledged").contains(li.getAttribute("data-status")));
    }

    static double lastT(WebDriver d) {
        String t = d.findElement(By.id("trace")).getAttribute("data-last-t");
        return t == null || t.isEmpty() ? 0 : Double.parseDouble(t);
    }

    static MimeMessage mailTo(String address) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> found = mailToAll(address);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no email to " + address);
    }

    static List<MimeMessage> mailToAll(String address) throws Exception {
        List<MimeMessage> out = new java.util.ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            for (jakarta.mail.Address a : m.getAllRecipients()) {
                if (a.toString().equals(address)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** The plain-text part of a message. */
    static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                String t = text(b);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Waits (up to WAIT) for a condition checked outside the browser. */
    static void awaitTrue(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return AppHarness.json(r);
    }
}
