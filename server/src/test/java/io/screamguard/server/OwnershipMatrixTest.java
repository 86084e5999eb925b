package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.security.RouteRole;
import io.screamguard.server.accounts.Access;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what, route by route. The routes come from Javalin's router, so a new route without
 * a row here fails {@link #every_route_the_server_has_has_a_row_in_this_matrix}. For each row:
 * 401 without a session, 403 for a person on an admin route, 404 for another person's object, and
 * the expected success for the owner (or the admin).
 */
class OwnershipMatrixTest {
    @TempDir
    static Path dataDir;
    static AppHarness server;
    static Person alice;
    static Person bob;
    static final AtomicInteger SERIAL = new AtomicInteger();

    /** A signed-in person with one event and one contact of their own. */
    record Person(ApiClient client, String eventId, String contactId) {
        String object(String kind) {
            return kind.equals("event") ? eventId : contactId;
        }
    }

    /** How one route is called and what its owner gets. */
    interface Call {
        HttpResponse<String> send(ApiClient client, String path) throws Exception;
    }

    /**
     * @param access      the rule the route must declare
     * @param object      "event", "contact" or null: which object {id} names
     * @param throwaway   the owner call destroys or ends something: run it as a fresh person
     * @param call        how to send it
     * @param ownerStatus what the owner (a person; an admin for ADMIN routes) gets
     */
    record Row(Access access, String object, boolean throwaway, Call call, int ownerStatus) {
    }

    static Call json(String method, String body) {
        return (c, path) -> c.call(method, path, body);
    }

    static Call plain(String method) {
        return json(method, null);
    }

    static final String UNKNOWN_LINK = "AAAAAAAAAAAAAAAAAAAAAA";
    static final String CONTACT = "{\"name\":\"Sam\",\"phone\":\"+44 7911 123456\",\"email\":\"sam@example.org\"}";

    static Map<String, Row> matrix() {
        Map<String, Row> m = new LinkedHashMap<>();
        m.put("GET /health", new Row(Access.PUBLIC, null, false, plain("GET"), 200));
        m.put("GET /health/ready", new Row(Access.PUBLIC, null, false, plain("GET"), 200));
        m.put("GET /metrics", new Row(Access.METRICS, null, false, plain("GET"), 200));
        m.put("GET /api/config", new Row(Access.PUBLIC, null, false, plain("GET"), 200));
        m.put("GET /api/auth/status", new Row(Access.PUBLIC, null, false, plain("GET"), 200));
        m.put("POST /api/auth/register", new Row(Access.PUBLIC, null, false,
                json("POST", "{\"email\":\"x@example.org\",\"password\":\"" + AppHarness.PASSWORD + "\"}"), 403));
        m.put("POST /api/auth/login", new Row(Access.PUBLIC, null, false,
                json("POST", "{\"email\":\"" + AppHarness.OWNER_EMAIL + "\",\"password\":\"" + AppHarness.PASSWORD + "\"}"), 200));
        m.put("POST /api/auth/logout", new Row(Access.PERSON, null, true, plain("POST"), 204));
        m.put("GET /api/account", new Row(Access.PERSON, null, false, plain("GET"), 200));
        m.put("PUT /api/account/password", new Row(Access.PERSON, null, true, json("PUT", "{\"current_password\":\""
                + AppHarness.PASSWORD + "\",\"new_password\":\"another long password\"}"), 204));
        m.put("GET /api/account/export", new Row(Access.PERSON, null, false, plain("GET"), 200));
        m.put("DELETE /api/account", new Row(Access.PERSON, null, true, plain("DELETE"), 200));
        m.put("POST /api/analyze", new Row(Access.PERSON, null, false,
                (c, path) -> c.upload("a.wav", TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000)), 200));
        m.put("GET /api/stream", new Row(Access.PERSON, null, false, plain("GET"), 426));
        m.put("GET /api/events", new Row(Access.PERSON, null, false, plain("GET"), 200));
        m.put("GET /api/events/{id}", new Row(Access.PERSON, "event", false, plain("GET"), 200));
        m.put("GET /api/stats", new Row(Access.PERSON, null, false, plain("GET"), 200));
        m.put("GET /api/contacts", new Row(Access.PERSON, null, false, plain("GET"), 200));
        m.put("POST /api/contacts", new Row(Access.PERSON, null, false, json("POST", CONTACT), 201));
        m.put("GET /api/contacts/{id}", new Row(Access.PERSON, "contact", false, plain("GET"), 200));
        m.put("PUT /api/contacts/{id}", new Row(Access.PERSON, "contact", false, json("PUT", CONTACT), 200));
        m.put("DELETE /api/contacts/{id}", new Row(Access.PERSON, "contact", true, plain("DELETE"), 204));
        m.put("POST /api/contacts/{id}/test", new Row(Access.PERSON, "contact", false, plain("POST"), 503));
        // an event without a running countdown: 404 for its owner too (the alert flow tests the 200)
        m.put("POST /api/incidents/{id}/cancel", new Row(Access.PERSON, "event", false, plain("POST"), 404));
        // an event without a clip: 404 for its owner too (ClipTest tests the 200)
        m.put("GET /api/incidents/{id}/clip", new Row(Access.PERSON, "event", false, plain("GET"), 404));
        m.put("GET /api/alerts/channels", new Row(Access.PERSON, null, false, plain("GET"), 200));
        m.put("GET /api/alerts/pins", new Row(Access.PERSON, null, false, plain("GET"), 200));
        m.put("PUT /api/alerts/pins", new Row(Access.PERSON, null, false, json("PUT", "{}"), 200));
        m.put("GET /api/alerts/sharing", new Row(Access.PERSON, null, false, plain("GET"), 200));
        m.put("PUT /api/alerts/sharing", new Row(Access.PERSON, null, false, json("PUT", "{\"share_audio\":false}"), 200));
        // an event id is no alert id: 404 for its owner too (the alert flow tests the 200)
        m.put("POST /api/alerts/{id}/safe", new Row(Access.PERSON, "event", false, plain("POST"), 404));
        // a recipient's incident page: public, the random link is the credential (an unknown one: page 200, data 404)
        m.put("GET /i/{id}", new Row(Access.PUBLIC, null, false, (c, path) -> c.call("GET", "/i/" + UNKNOWN_LINK, null), 200));
        m.put("GET /api/i/{id}", new Row(Access.PUBLIC, null, false,
                (c, path) -> c.call("GET", "/api/i/" + UNKNOWN_LINK, null), 404));
        m.put("GET /api/i/{id}/clip", new Row(Access.PUBLIC, null, false,
                (c, path) -> c.call("GET", "/api/i/" + UNKNOWN_LINK + "/clip", null), 404));
        m.put("POST /api/i/{id}/ack", new Row(Access.PUBLIC, null, false,
                (c, path) -> c.call("POST", "/api/i/" + UNKNOWN_LINK + "/ack", null), 404));
        // Twilio's callback: public, refused without a valid X-Twilio-Signature
        m.put("POST /api/alerts/twilio/status", new Row(Access.PUBLIC, null, false, plain("POST"), 403));
        m.put("GET /api/admin/settings", new Row(Access.ADMIN, null, false, plain("GET"), 200));
        m.put("PUT /api/admin/settings", new Row(Access.ADMIN, null, false, json("PUT", "{\"countdown_seconds\":10}"), 200));
        m.put("GET /api/admin/audit", new Row(Access.ADMIN, null, false, plain("GET"), 200));
        m.put("GET /api/admin/model", new Row(Access.ADMIN, null, false, plain("GET"), 200));
        m.put("GET /api/admin/status", new Row(Access.ADMIN, null, false, plain("GET"), 200));
        m.put("GET /api/admin/accounts", new Row(Access.ADMIN, null, false, plain("GET"), 200));
        m.put("POST /api/admin/accounts", new Row(Access.ADMIN, null, false, (c, path) -> c.call("POST", path,
                "{\"email\":\"new" + SERIAL.incrementAndGet() + "@example.org\",\"password\":\"" + AppHarness.PASSWORD + "\"}"), 201));
        m.put("POST /api/admin/invitations", new Row(Access.ADMIN, null, false, plain("POST"), 201));
        m.put("WS /api/stream", new Row(Access.PERSON, null, false, null, 101));
        return m;
    }

    @BeforeAll
    static void start() throws Exception {
        server = AppHarness.start(dataDir, Map.of());
        alice = person("alice@example.org");
        bob = person("bob@example.org");
    }

    static Person person(String email) throws Exception {
        ApiClient c = server.createPerson(email);
        String event = ApiClient.json(c.upload("a.wav", TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000)))
                .get("event_id").asText();
        HttpResponse<String> contact = c.postJson("/api/contacts", CONTACT);
        assertEquals(201, contact.statusCode(), contact.body());
        return new Person(c, event, ApiClient.json(contact).get("id").asText());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String path(String route, Person owner, String object) {
        String template = route.substring(route.indexOf(' ') + 1);
        return object == null ? template : template.replace("{id}", owner.object(object));
    }

    @Test
    void every_route_the_server_has_has_a_row_in_this_matrix() {
        Map<String, Set<RouteRole>> routes = server.app.routes();

        assertEquals(matrix().keySet().stream().sorted().toList(), routes.keySet().stream().sorted().toList(),
                "add a row for every new route (and an access rule to the route)");
        matrix().forEach((route, row) -> assertEquals(Set.of(row.access()), routes.get(route), route + " declares"));
    }

    @Test
    void every_route_but_the_public_ones_answers_401_without_a_session() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Row> e : matrix().entrySet()) {
            Row row = e.getValue();
            if (row.call() == null || row.access() == Access.METRICS) {
                continue;
            }
            HttpResponse<String> r = row.call().send(server.anonymous(), path(e.getKey(), alice, row.object()));
            if (row.access() == Access.PUBLIC) {
                assertNotEquals(401, r.statusCode(), e.getKey() + " is public: " + r.body());
            } else {
                assertEquals(401, r.statusCode(), e.getKey() + ": " + r.body());
                assertEquals("unauthorized", ApiClient.json(r).get("error").asText(), e.getKey());
            }
            checked.add(e.getKey());
        }
        assertTrue(checked.size() >= 25, "walked " + checked);
    }

    @Test
    void admin_routes_answer_403_to_a_person_and_succeed_for_the_admin() throws Exception {
        for (Map.Entry<String, Row> e : matrix().entrySet()) {
            Row row = e.getValue();
            if (row.access() != Access.ADMIN) {
                continue;
            }
            String path = path(e.getKey(), alice, row.object());
            HttpResponse<String> asPerson = row.call().send(alice.client(), path);
            HttpResponse<String> asAdmin = row.call().send(server.owner, path);

            assertEquals(403, asPerson.statusCode(), e.getKey() + ": " + asPerson.body());
            assertEquals(row.ownerStatus(), asAdmin.statusCode(), e.getKey() + ": " + asAdmin.body());
        }
    }

    @Test
    void another_persons_object_is_404_and_the_owner_gets_it() throws Exception {
        for (Map.Entry<String, Row> e : matrix().entrySet()) {
            Row row = e.getValue();
            if (row.object() == null) {
                continue;
            }
            HttpResponse<String> asOther = row.call().send(bob.client(), path(e.getKey(), alice, row.object()));
            assertEquals(404, asOther.statusCode(), e.getKey() + " as another person: " + asOther.body());

            Person owner = row.throwaway() ? person("owner" + SERIAL.incrementAndGet() + "@example.org") : alice;
            HttpResponse<String> asOwner = row.call().send(owner.client(), path(e.getKey(), owner, row.object()));
            assertEquals(row.ownerStatus(), asOwner.statusCode(), e.getKey() + " as the owner: " + asOwner.body());
        }
    }

    @Test
    void every_person_route_succeeds_for_a_signed_in_person() throws Exception {
        for (Map.Entry<String, Row> e : matrix().entrySet()) {
            Row row = e.getValue();
            if (row.access() != Access.PERSON || row.call() == null || row.object() != null) {
                continue;
            }
            Person owner = row.throwaway() ? person("someone" + SERIAL.incrementAndGet() + "@example.org") : alice;
            HttpResponse<String> r = row.call().send(owner.client(), path(e.getKey(), owner, null));
            assertEquals(row.ownerStatus(), r.statusCode(), e.getKey() + ": " + r.body());
        }
    }

    @Test
    void an_admin_reads_another_persons_event_and_contact_but_cannot_change_the_contact() throws Exception {
        assertEquals(200, server.get("/api/events/" + alice.eventId()).statusCode());
        assertEquals(200, server.get("/api/contacts/" + alice.contactId()).statusCode());
        assertEquals(1, ApiClient.json(server.get("/api/contacts?user=" + alice.client().accountId)).get("items").size());
        assertEquals(404, server.owner.call("DELETE", "/api/contacts/" + alice.contactId(), null).statusCode());
        assertEquals(200, alice.client().get("/api/contacts/" + alice.contactId()).statusCode(), "still there");
    }

    @Test
    void the_stream_needs_a_session_at_the_upgrade() throws Exception {
        assertThrows(Exception.class, () -> server.anonymous().stream("/api/stream"));

        WsClient ws = alice.client().stream("/api/stream");
        ws.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
        StreamApiTest.await(() -> ws.ofType("ready").size() == 1, "the ready message");
        ws.close();
    }
}
