package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 11, item 8 (last clause): the upload page in real Chromium shows an error, instead of
 * "Analysing…" forever, when the answer to the upload is not JSON (a proxy's HTML error page) or
 * the request fails. The page is served by a small stand-in server whose /api/analyze misbehaves
 * on purpose (the real server always answers JSON).
 */
class UploadPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path profile;
    private HttpServer site;
    private WebDriver browser;
    /** What /api/analyze does: "html" answers a 502 HTML page, "drop" closes the connection. */
    private final AtomicReference<String> analyze = new AtomicReference<>("html");

    @BeforeEach
    void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("install chromium and chromium-driver (apt-get install chromium chromium-driver)");
            }
            assumeTrue(false, "install chromium and chromium-driver to run the page test");
        }
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", this::serve);
        site.start();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        ex.getRequestBody().readAllBytes();
        if (path.equals("/api/auth/status")) {
            send(ex, 200, "application/json", "{\"account\":{\"email\":\"me@example.org\",\"role\":\"person\"}}");
        } else if (path.equals("/api/analyze")) {
            if (analyze.get().equals("drop")) {
                ex.close();
                return;
            }
            send(ex, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>");
        } else {
            String name = path.equals("/") ? "index.html" : path.substring(1);
            try (InputStream in = UploadPageTest.class.getResourceAsStream("/web/" + name)) {
                if (in == null) {
                    send(ex, 404, "text/plain", "no " + name);
                    return;
                }
                String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
                send(ex, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private String uploadAndAwaitVerdict() throws IOException {
        Path wav = Files.write(profile.resolve("clip.wav"), io.screamguard.server.support.TestAudio.wav(
                io.screamguard.server.support.TestAudio.noise(16000, 0.5, 0.02, 1), 16000));
        browser.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> d.findElement(By.id("who")).getText().contains("me@example.org"));
        browser.findElement(By.cssSelector("#upload input[type=file]")).sendKeys(wav.toString());
        browser.findElement(By.cssSelector("#upload [type=submit]")).click();
        wait.until(d -> {
            String text = d.findElement(By.id("verdict")).getText();
            return !text.isEmpty() && !text.contains("Analysing");
        });
        return browser.findElement(By.id("verdict")).getText();
    }

    @Test
    void an_answer_that_is_not_json_shows_an_error_naming_the_status() throws IOException {
        analyze.set("html");

        String verdict = uploadAndAwaitVerdict();

        assertTrue(verdict.contains("502") && verdict.contains("not JSON"), verdict);
        assertTrue(browser.findElement(By.id("verdict")).getAttribute("class").contains("error"));
    }

    @Test
    void a_request_that_fails_shows_an_error_saying_the_server_could_not_be_reached() throws IOException {
        analyze.set("drop");

        String verdict = uploadAndAwaitVerdict();

        assertTrue(verdict.contains("could not be reached"), verdict);
    }
}
