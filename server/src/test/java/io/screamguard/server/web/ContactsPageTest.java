package io.screamguard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.Browser;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Contacts view in a real Chromium: add, the server's validation error beside its field, edit, test, delete. */
class ContactsPageTest {
    @TempDir
    Path dataDir;

    private static JsonNode contacts(ApiClient who) throws Exception {
        return AppHarness.json(who.get("/api/contacts")).get("items");
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void a_person_adds_edits_tests_and_deletes_a_contact_and_sees_a_bad_phone_number_explained_beside_it() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of());
             Browser browser = Browser.open()) {
            ApiClient ana = harness.createPerson("ana@example.org");
            Pages.signIn(browser, harness, ana);
            Pages.open(browser, harness, "/contacts.html");
            Pages.shown(browser, By.id("empty"));
            assertTrue(Pages.shown(browser, By.id("channels-note")).getText().contains("SMS"), "says SMS is not set up");

            type(browser, "field-name", "Sam");
            type(browser, "field-phone", "12345");
            type(browser, "field-email", "sam@example.org");
            browser.driver.findElement(By.id("save")).click();
            browser.waitFor(Pages.WAIT, d -> !d.findElement(By.id("error-phone")).getText().isEmpty());

            assertTrue(Pages.text(browser, "error-phone").startsWith("phone "), Pages.text(browser, "error-phone"));
            assertEquals("true", browser.driver.findElement(By.id("field-phone")).getAttribute("aria-invalid"));
            assertEquals(0, contacts(ana).size(), "nothing saved");

            type(browser, "field-phone", "+44 7911 123456");
            browser.driver.findElement(By.id("save")).click();
            browser.waitFor(Pages.WAIT, d -> d.findElements(By.cssSelector("#contact-list .contact")).size() == 1);
            assertTrue(Pages.text(browser, "contact-list").contains("+447911123456"), Pages.text(browser, "contact-list"));
            assertEquals("", Pages.text(browser, "error-phone"), "the error is gone");

            browser.driver.findElement(By.cssSelector("#contact-list .edit")).click();
            type(browser, "field-name", "Sam Smith");
            type(browser, "field-email", "not an address");
            browser.driver.findElement(By.id("save")).click();
            browser.waitFor(Pages.WAIT, d -> !d.findElement(By.id("error-email")).getText().isEmpty());
            assertTrue(Pages.text(browser, "error-email").startsWith("email "), Pages.text(browser, "error-email"));
            Pages.screenshots(browser, "contacts", By.id("contact-list"));
            Pages.assertFitsPhoneWidth(browser);

            type(browser, "field-email", "sam.smith@example.org");
            browser.driver.findElement(By.id("save")).click();
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.id("contact-list")).getText().contains("Sam Smith"));
            assertEquals("Sam Smith", contacts(ana).get(0).get("name").asText());
            assertEquals("sam.smith@example.org", contacts(ana).get(0).get("email").asText());

            browser.driver.findElement(By.cssSelector("#contact-list .test")).click();
            browser.waitFor(Pages.WAIT, d -> d.findElement(By.cssSelector(".test-results")).getText().contains("configured"));

            browser.driver.findElement(By.cssSelector("#contact-list .delete")).click();
            browser.driver.findElement(By.cssSelector("#contact-list .confirm-delete")).click();
            browser.waitFor(Pages.WAIT, d -> d.findElements(By.cssSelector("#contact-list .contact")).isEmpty());
            assertEquals(0, contacts(ana).size(), "deleted at the server");
            Pages.assertNoProblems(browser);
        }
    }
}
