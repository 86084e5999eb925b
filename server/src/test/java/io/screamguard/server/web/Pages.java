package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * What the page tests share: putting a browser into a person's session, recording from the first
 * script on every page the problems a person would not see (Content-Security-Policy violations,
 * script errors, unhandled rejections, console.error) so a test can assert there were none, and
 * the 360 px phone-width check.
 */
final class Pages {
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Runs before any page script: collects CSP violations, errors and console.error calls in window.__problems. */
    private static final String RECORDER = """
            window.__problems = [];
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__problems.push('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
            });
            window.addEventListener('error', function (e) {
              window.__problems.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href)) || e));
            }, true);
            window.addEventListener('unhandledrejection', function (e) {
              window.__problems.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason));
            });
            (function () {
              var original = console.error;
              console.error = function () {
                window.__problems.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
                return original.apply(console, arguments);
              };
            })();
            """;

    private Pages() {
    }

    /** Records page problems from now on, on every page this browser opens. */
    static void recordProblems(Browser browser) {
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
    }

    /** Puts the browser into the client's session (its cookie on the app's origin) and records problems. */
    static void signIn(Browser browser, AppHarness harness, ApiClient client) {
        recordProblems(browser);
        browser.driver.get(harness.uri("/api/config").toString());
        String[] cookie = client.cookie.split(";")[0].split("=", 2);
        browser.driver.manage().addCookie(new Cookie(cookie[0], cookie[1], "/"));
    }

    /** Opens a page of the app. */
    static void open(Browser browser, AppHarness harness, String path) {
        browser.driver.get(harness.uri(path).toString());
    }

    /**
     * Asserts the current page recorded no problems, except those matching {@code allowed}
     * (e.g. an expected 404 of a resource), and returns what it recorded.
     */
    static List<String> assertNoProblems(Browser browser, String... allowed) {
        List<String> problems = problems(browser);
        List<String> unexpected = problems.stream()
                .filter(p -> java.util.Arrays.stream(allowed).noneMatch(p::contains)).toList();
        assertEquals(List.of(), unexpected, "problems on " + browser.driver.getCurrentUrl());
        return problems;
    }

    /** What the current page recorded so far. */
    @SuppressWarnings("unchecked")
    static List<String> problems(Browser browser) {
        return (List<String>) browser.driver.executeScript("return window.__problems || ['no recorder'];");
    }

    /**
     * At a 360 px wide viewport the page does not scroll sideways (waits up to 10 s for the layout to
     * settle: charts and maps resize on the next frame); restores the desktop size.
     */
    static void assertFitsPhoneWidth(Browser browser) {
        browser.driver.manage().window().setSize(Browser.PHONE);
        try {
            browser.waitFor(WAIT, d -> ((Number) browser.driver.executeScript("return window.innerWidth;")).intValue() <= 400);
            try {
                browser.waitFor(Duration.ofSeconds(10), d -> ((Number) browser.driver.executeScript(
                        "return document.documentElement.scrollWidth - Math.max(360, window.innerWidth);")).intValue() <= 0);
            } catch (org.openqa.selenium.TimeoutException e) {
                Object widest = browser.driver.executeScript("""
                        let worst = null;
                        for (const e of document.querySelectorAll('body *')) {
                          const r = e.getBoundingClientRect();
                          if (r.right > document.documentElement.clientWidth && (!worst || r.right > worst.r)) {
                            worst = { r: r.right, what: e.tagName + '#' + e.id + '.' + e.className };
                          }
                        }
                        return worst ? worst.what + ' reaches ' + worst.r + ' px' : 'nothing';""");
                throw new AssertionError("at " + browser.driver.executeScript("return window.innerWidth;")
                        + " px wide the page is " + browser.driver.executeScript("return document.documentElement.scrollWidth;")
                        + " px wide (it scrolls sideways) on " + browser.driver.getCurrentUrl() + "; widest: " + widest);
            }
        } finally {
            browser.driver.manage().window().setSize(Browser.DESKTOP);
        }
    }

    /**
     * Screenshots at desktop and phone sizes ({@code target/screenshots/<name>-desktop.png} and
     * {@code -phone.png}) with the given element scrolled to the top of the viewport.
     */
    static void screenshots(Browser browser, String name, By scrollTo) {
        for (Map.Entry<String, Dimension> size : List.of(Map.entry("desktop", Browser.DESKTOP), Map.entry("phone", Browser.PHONE))) {
            browser.driver.manage().window().setSize(size.getValue());
            browser.driver.executeScript("arguments[0].scrollIntoView({block: 'start'});", browser.driver.findElement(scrollTo));
            browser.screenshot(name + "-" + size.getKey(), size.getValue());
        }
        browser.driver.manage().window().setSize(Browser.DESKTOP);
    }

    /** The visible text of an element. */
    static String text(Browser browser, String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    /** Waits until an element is displayed and returns it. */
    static WebElement shown(Browser browser, By by) {
        return browser.waitFor(WAIT, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Resizes to the given size (tests of layouts). */
    static void size(Browser browser, Dimension size) {
        browser.driver.manage().window().setSize(size);
    }
}
