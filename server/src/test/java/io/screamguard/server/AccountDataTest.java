package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's data: the export holds all of it and nothing secret; deleting the account removes it. */
class AccountDataTest {
    @TempDir
    Path dataDir;

    static final byte[] QUIET = TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000);
    static final String CONTACT = "{\"name\":\"Sam\",\"email\":\"sam@example.org\"}";

    @Test
    void the_export_holds_the_persons_account_sessions_contacts_and_events_and_no_secret() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            ApiClient alice = server.createPerson("alice@example.org");
            ApiClient bob = server.createPerson("bob@example.org");
            String event = AppHarness.json(alice.upload("a.wav", QUIET)).get("event_id").asText();
            bob.upload("b.wav", QUIET);
            alice.postJson("/api/contacts", CONTACT);

            HttpResponse<String> r = alice.get("/api/account/export");

            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            JsonNode export = AppHarness.json(r);
            assertEquals("alice@example.org", export.get("account").get("email").asText());
            assertEquals(1, export.get("sessions").size());
            assertEquals(1, export.get("contacts").size());
            assertEquals(1, export.get("events").size());
            assertEquals(event, export.get("events").get(0).get("id").asText());
            assertFalse(r.body().contains("password") || r.body().contains("token") || r.body().contains(alice.cookie
                    .substring(alice.cookie.indexOf('=') + 1)), "no password hash, no session token: " + r.body());
        }
    }

    @Test
    void deleting_the_account_removes_its_contacts_sessions_and_events_and_nothing_else() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            ApiClient alice = server.createPerson("alice@example.org");
            ApiClient bob = server.createPerson("bob@example.org");
            ApiClient aliceElsewhere = server.signIn("alice@example.org", AppHarness.PASSWORD);
            alice.upload("a.wav", QUIET);
            alice.upload("a2.wav", QUIET);
            bob.upload("b.wav", QUIET);
            alice.postJson("/api/contacts", CONTACT);
            bob.postJson("/api/contacts", CONTACT);

            HttpResponse<String> r = alice.delete("/api/account");

            assertEquals(200, r.statusCode(), r.body());
            JsonNode deleted = AppHarness.json(r).get("deleted");
            assertEquals(2, deleted.get("events").asLong());
            assertEquals(1, deleted.get("contacts").asLong());
            assertEquals(2, deleted.get("sessions").asLong());
            assertEquals(401, alice.get("/api/account").statusCode());
            assertEquals(401, aliceElsewhere.get("/api/account").statusCode());
            assertEquals(401, server.anonymous().postJson("/api/auth/login", "{\"email\":\"alice@example.org\",\"password\":\""
                    + AppHarness.PASSWORD + "\"}").statusCode());
            assertEquals(0, AppHarness.json(server.get("/api/events?user=" + alice.accountId)).get("total").asLong());
            assertEquals(0, AppHarness.json(server.get("/api/contacts?user=" + alice.accountId)).get("items").size());
            assertEquals(1, AppHarness.json(bob.get("/api/events")).get("total").asLong(), "bob's data stays");
            assertEquals(1, AppHarness.json(bob.get("/api/contacts")).get("items").size());
        }
    }

    @Test
    void the_only_admin_cannot_delete_their_account() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            UploadApiTest.assertError(server.owner.delete("/api/account"), 409, "conflict", "only admin");
            assertEquals(200, server.get("/api/account").statusCode());
        }
    }
}
