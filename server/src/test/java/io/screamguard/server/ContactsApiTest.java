package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /api/contacts: validation of every field, E.164 storage, the per-person limit, the test message. */
class ContactsApiTest {
    @TempDir
    static Path dataDir;
    static AppHarness server;
    /** A person whose phone region is GB (national numbers are British). */
    static ApiClient gb;
    /** A person without a region, on a server whose DEFAULT_PHONE_REGION is DE. */
    static ApiClient noRegion;

    @BeforeAll
    static void start() throws Exception {
        server = AppHarness.start(dataDir, Map.of(Setting.MAX_CONTACTS, "3", Setting.DEFAULT_PHONE_REGION, "DE"));
        assertEquals(201, server.owner.postJson("/api/admin/accounts", "{\"email\":\"gb@example.org\",\"password\":\""
                + AppHarness.PASSWORD + "\",\"phone_region\":\"GB\"}").statusCode());
        gb = server.signIn("gb@example.org", AppHarness.PASSWORD);
        noRegion = server.createPerson("de@example.org");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String contact(String phone, String email) {
        return "{\"name\":\"Sam\"" + (phone == null ? "" : ",\"phone\":\"" + phone + "\"")
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
    }

    static HttpResponse<String> addAndRemove(ApiClient who, String body) throws Exception {
        HttpResponse<String> r = who.postJson("/api/contacts", body);
        if (r.statusCode() == 201) {
            assertEquals(204, who.delete("/api/contacts/" + AppHarness.json(r).get("id").asText()).statusCode());
        }
        return r;
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource({
        "+44 7911 123456, +447911123456",     // GB mobile, international
        "07911 123456, +447911123456",        // GB mobile, national (the person's region)
        "+1 650 253 0000, +16502530000",      // US fixed-line-or-mobile
        "+49 30 901820, +4930901820",         // DE fixed line
        "+33 6 12 34 56 78, +33612345678",    // FR mobile
        "+91 98765 43210, +919876543210",     // IN mobile
        "+81 90-1234-5678, +819012345678",    // JP mobile
        "+55 11 91234-5678, +5511912345678"   // BR mobile
    })
    void valid_numbers_from_several_countries_are_stored_in_e164(String typed, String e164) throws Exception {
        HttpResponse<String> r = addAndRemove(gb, contact(typed, null));

        assertEquals(201, r.statusCode(), r.body());
        assertEquals(e164, AppHarness.json(r).get("phone").asText());
        assertEquals(List.of("sms"), List.of(AppHarness.json(r).get("channels").get(0).asText()));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
        "+44 12, not a valid number",
        "+49 30 1, not a valid number",
        "+44 7700 900123, not a valid number",  // Ofcom's range for drama, never assigned
        "+44 909 8790879, premium-rate",
        "+1 800 234 5678, toll-free",
        "+999 1234567, country code",
        "call me, not a phone number"
    })
    void invalid_premium_and_toll_free_numbers_are_400_naming_the_phone_field(String typed, String problem) throws Exception {
        HttpResponse<String> r = gb.postJson("/api/contacts", contact(typed, null));

        UploadApiTest.assertError(r, 400, "bad_request", "phone");
        assertTrue(AppHarness.json(r).get("detail").asText().contains(problem), r.body());
    }

    @Test
    void a_national_number_uses_the_servers_default_region_when_the_person_has_none() throws Exception {
        HttpResponse<String> r = addAndRemove(noRegion, contact("030 901820", null));

        assertEquals(201, r.statusCode(), r.body());
        assertEquals("+4930901820", AppHarness.json(r).get("phone").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "plainaddress", "@example.org", "sam@", "sam@localhost", "sam@example", "sam@-bad-.org", "sam@exa mple.org",
        "Sam <sam@example.org>", "sam@@example.org", "sam@example.123"
    })
    void bad_emails_are_400_naming_the_email_field(String email) throws Exception {
        UploadApiTest.assertError(gb.postJson("/api/contacts", contact(null, email)), 400, "bad_request", "email");
    }

    @Test
    void a_good_email_is_stored_with_the_email_channel() throws Exception {
        HttpResponse<String> r = addAndRemove(gb, contact(null, "sam.o'neil+alerts@mail.example.co.uk"));

        assertEquals(201, r.statusCode(), r.body());
        assertEquals("email", AppHarness.json(r).get("channels").get(0).asText());
    }

    @Test
    void other_fields_are_checked_and_named() throws Exception {
        UploadApiTest.assertError(gb.postJson("/api/contacts", "{\"phone\":\"+447911123456\"}"), 400, "bad_request", "name");
        UploadApiTest.assertError(gb.postJson("/api/contacts", "{\"name\":\"Sam\"}"), 400, "bad_request", "phone or email");
        UploadApiTest.assertError(gb.postJson("/api/contacts", "{\"name\":\"Sam\",\"email\":\"s@example.org\","
                + "\"channels\":[\"sms\"]}"), 400, "bad_request", "channels");
        UploadApiTest.assertError(gb.postJson("/api/contacts", "{\"name\":\"Sam\",\"email\":\"s@example.org\","
                + "\"channels\":[\"pigeon\"]}"), 400, "bad_request", "channels");
        UploadApiTest.assertError(gb.postJson("/api/contacts", "{\"name\":\"Sam\",\"email\":\"s@example.org\","
                + "\"language\":\"english please\"}"), 400, "bad_request", "language");
        UploadApiTest.assertError(gb.postJson("/api/contacts", "{\"name\":\"Sam\",\"email\":\"s@example.org\","
                + "\"note\":\"" + "x".repeat(501) + "\"}"), 400, "bad_request", "note");
    }

    @Test
    void a_contact_round_trips_and_changes_and_the_limit_is_max_contacts() throws Exception {
        ApiClient p = server.createPerson("limit@example.org");
        String full = "{\"name\":\"Sam\",\"phone\":\"+447911123456\",\"email\":\"sam@example.org\","
                + "\"channels\":[\"email\",\"sms\"],\"language\":\"de\",\"note\":\"neighbour, has a key\"}";
        String id = AppHarness.json(p.postJson("/api/contacts", full)).get("id").asText();

        JsonNode read = AppHarness.json(p.get("/api/contacts/" + id));
        assertEquals("Sam", read.get("name").asText());
        assertEquals("de", read.get("language").asText());
        assertEquals("neighbour, has a key", read.get("note").asText());
        assertEquals(2, read.get("channels").size());
        HttpResponse<String> changed = p.putJson("/api/contacts/" + id, "{\"name\":\"Samantha\",\"email\":\"s@example.org\"}");
        assertEquals("Samantha", AppHarness.json(changed).get("name").asText());
        assertTrue(AppHarness.json(changed).get("phone").isNull(), changed.body());

        assertEquals(201, p.postJson("/api/contacts", full).statusCode());
        assertEquals(201, p.postJson("/api/contacts", full).statusCode());
        UploadApiTest.assertError(p.postJson("/api/contacts", full), 409, "conflict", "MAX_CONTACTS");
        assertEquals(3, AppHarness.json(p.get("/api/contacts")).get("items").size());
    }

    @Test
    void a_test_message_without_credentials_says_plainly_which_settings_are_missing() throws Exception {
        String id = AppHarness.json(gb.postJson("/api/contacts", contact("+447911123456", null))).get("id").asText();

        HttpResponse<String> r = gb.postJson("/api/contacts/" + id + "/test", "");

        UploadApiTest.assertError(r, 503, "alerting_not_configured", "not configured");
        UploadApiTest.assertError(r, 503, "alerting_not_configured", "TWILIO_ACCOUNT_SID");
        gb.delete("/api/contacts/" + id);
    }
}
