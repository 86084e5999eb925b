package io.screamguard.server.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by
 * Selenium, with a fresh profile, optionally a fake microphone that plays a WAV file, and helpers
 * for the geolocation override (CDP) and screenshots at desktop and phone sizes.
 *
 * <p>When Chromium or its driver is absent the test is skipped with a message saying what to
 * install, except with {@code CI=true}, where that is a failure. Not thread-safe: one per test.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Desktop and phone viewport sizes for screenshots (CSS pixels). */
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(360, 780);
    /** Where screenshots go: the module's target/screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    public final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the test (fails on CI) unless Chromium and chromedriver are installed. */
    public static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "this test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (install them: apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so absence is a failure)");
        }
        assumeTrue(false, message + "; skipped");
    }

    /** A browser without a microphone. */
    public static Browser open() {
        return open(null);
    }

    /**
     * A browser whose microphone plays {@code fakeMicrophoneWav} (looped by Chromium), with
     * microphone and location permission granted without a prompt. Null: no fake audio file.
     */
    public static Browser open(Path fakeMicrophoneWav) {
        return open(fakeMicrophoneWav, List.of());
    }

    /**
     * As {@link #open(Path)}, with more Chromium flags (e.g. {@code --host-resolver-rules=MAP name
     * 127.0.0.1}, so a page is reached under a name that is not a secure context over HTTP).
     */
    public static Browser open(Path fakeMicrophoneWav, List<String> extraArguments) {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("screamguard-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
        List<String> args = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"));
        if (fakeMicrophoneWav != null) {
            args.add("--use-fake-device-for-media-stream");
            args.add("--use-file-for-fake-audio-capture=" + fakeMicrophoneWav.toAbsolutePath());
        }
        args.addAll(extraArguments);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(args);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    /** Sets the position the page's Geolocation API reports (CDP Emulation.setGeolocationOverride). */
    public void setGeolocation(double latitude, double longitude, double accuracyMetres) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
        driver.executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", latitude, "longitude", longitude, "accuracy", accuracyMetres));
    }

    /** Waits (up to {@code timeout}) until {@code condition} gives a non-null, non-false value. */
    public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        // pages re-render lists they poll (contacts' message states every 2 s): an element found
        // a moment before may be replaced while the condition reads it, so that is a retry too
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /**
     * Saves screenshots of the current page as {@code target/screenshots/<name>-desktop.png} and
     * {@code <name>-phone.png}, then restores the desktop size.
     */
    public void screenshots(String name) {
        screenshot(name + "-desktop", DESKTOP);
        screenshot(name + "-phone", PHONE);
        driver.manage().window().setSize(DESKTOP);
    }

    /** Saves one screenshot of the current page at the given viewport size. */
    public Path screenshot(String name, Dimension size) {
        driver.manage().window().setSize(size);
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless; the OS cleans /tmp
        }
    }
}
