package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.screamguard.server.accounts.AccountService;
import io.screamguard.server.accounts.Passwords;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeScoring;
import io.screamguard.server.support.MutableClock;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Registration, sign-in, sessions, rate limits, origins and the security headers, on the whole app. */
class AccountsApiTest {
    static final String LOGIN = "{\"email\":\"" + AppHarness.OWNER_EMAIL + "\",\"password\":\"%s\"}";

    @TempDir
    Path dataDir;

    static String register(String email, String extra) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + AppHarness.PASSWORD + "\"" + extra + "}";
    }

    @Test
    void an_upload_without_a_session_reads_401_not_a_reset_connection() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            byte[] wav = io.screamguard.server.support.TestAudio.wav(
                    io.screamguard.server.support.TestAudio.noise(16000 * 16, 1, 0.01, 1), 16000);

            for (int i = 0; i < 20; i++) {
                // the server refuses before reading the 512 KB body; it drops it so the client sees the answer
                HttpResponse<String> refused = server.anonymous().upload("a.wav", wav);

                assertEquals(401, refused.statusCode(), refused.body());
            }
        }
    }

    @Test
    void the_first_account_is_an_admin_and_invite_mode_refuses_a_second_without_an_invitation() throws Exception {
        try (AppHarness server = AppHarness.startSignedOut(dataDir, Map.of())) {
            assertTrue(AppHarness.json(server.anonymous().get("/api/auth/status")).get("setup_required").asBoolean());

            HttpResponse<String> first = server.anonymous().postJson("/api/auth/register", register("first@example.org", ""));
            HttpResponse<String> second = server.anonymous().postJson("/api/auth/register", register("second@example.org", ""));

            assertEquals(201, first.statusCode(), first.body());
            assertEquals("admin", AppHarness.json(first).get("role").asText());
            UploadApiTest.assertError(second, 403, "forbidden", "invitation");
            assertFalse(AppHarness.json(server.anonymous().get("/api/auth/status")).get("setup_required").asBoolean());
        }
    }

    @Test
    void an_invitation_registers_one_person_once() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            String token = AppHarness.json(server.owner.postJson("/api/admin/invitations", "")).get("token").asText();

            HttpResponse<String> invited = server.anonymous().postJson("/api/auth/register",
                    register("invited@example.org", ",\"invitation\":\"" + token + "\""));
            HttpResponse<String> reused = server.anonymous().postJson("/api/auth/register",
                    register("again@example.org", ",\"invitation\":\"" + token + "\""));

            assertEquals(201, invited.statusCode(), invited.body());
            assertEquals("person", AppHarness.json(invited).get("role").asText());
            assertEquals(403, reused.statusCode(), reused.body());
        }
    }

    @Test
    void open_registration_admits_anyone_and_admin_emails_name_more_admins_while_closed_admits_nobody() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.REGISTRATION, "open",
                Setting.ADMIN_EMAILS, "Boss@Example.org"))) {
            HttpResponse<String> person = server.anonymous().postJson("/api/auth/register", register("p@example.org", ""));
            HttpResponse<String> boss = server.anonymous().postJson("/api/auth/register", register("boss@example.org", ""));
            HttpResponse<String> taken = server.anonymous().postJson("/api/auth/register", register("p@example.org", ""));

            assertEquals("person", AppHarness.json(person).get("role").asText());
            assertEquals("admin", AppHarness.json(boss).get("role").asText());
            UploadApiTest.assertError(taken, 409, "conflict", "p@example.org");
        }
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.REGISTRATION, "closed"))) {
            UploadApiTest.assertError(server.anonymous().postJson("/api/auth/register", register("q@example.org", "")),
                    403, "forbidden", "closed");
        }
    }

    @Test
    void bad_emails_and_short_passwords_are_refused_naming_the_field() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.REGISTRATION, "open"))) {
            UploadApiTest.assertError(server.anonymous().postJson("/api/auth/register",
                    "{\"email\":\"not-an-address\",\"password\":\"" + AppHarness.PASSWORD + "\"}"), 400, "bad_request", "email");
            UploadApiTest.assertError(server.anonymous().postJson("/api/auth/register",
                    "{\"email\":\"ok@example.org\",\"password\":\"short\"}"), 400, "bad_request", "password");
            UploadApiTest.assertError(server.anonymous().postJson("/api/auth/register", "{\"email\":"), 400, "bad_request", "JSON");
        }
    }

    @Test
    void the_session_cookie_is_http_only_same_site_lax_and_secure_only_behind_https() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.TRUSTED_PROXIES, "127.0.0.1,::1"))) {
            HttpResponse<String> plain = server.anonymous().postJson("/api/auth/login", LOGIN.formatted(AppHarness.PASSWORD));
            HttpResponse<String> https = server.anonymous().send(server.anonymous().request("/api/auth/login")
                    .header("X-Forwarded-Proto", "https").header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(LOGIN.formatted(AppHarness.PASSWORD))).build());

            String cookie = plain.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("screamguard_session="), cookie);
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), cookie);
            assertFalse(cookie.contains("Secure"), cookie);
            String token = cookie.substring("screamguard_session=".length(), cookie.indexOf(';'));
            assertTrue(token.length() >= 22, "at least 128 bits of base64: " + token);
            assertTrue(https.headers().firstValue("Set-Cookie").orElseThrow().contains("; Secure"));
        }
    }

    @Test
    void forwarded_https_from_a_peer_that_is_not_a_trusted_proxy_does_not_make_the_cookie_secure() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.TRUSTED_PROXIES, "10.0.0.0/8"))) {
            HttpResponse<String> forged = server.anonymous().send(server.anonymous().request("/api/auth/login")
                    .header("X-Forwarded-Proto", "https").header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(LOGIN.formatted(AppHarness.PASSWORD))).build());

            String cookie = forged.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("screamguard_session="), cookie);
            assertFalse(cookie.contains("Secure"), cookie);
        }
    }

    @Test
    void a_wrong_password_is_401_and_logged_without_the_password() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(AccountService.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            HttpResponse<String> r = server.anonymous().postJson("/api/auth/login", LOGIN.formatted("wrong-password-42"));

            UploadApiTest.assertError(r, 401, "unauthorized", "wrong");
            assertTrue(seen.list.stream().anyMatch(e -> e.getFormattedMessage().contains(AppHarness.OWNER_EMAIL)), "logged");
            assertTrue(seen.list.stream().noneMatch(e -> e.getFormattedMessage().contains("wrong-password-42")),
                    "the password never reaches the log");
        } finally {
            log.detachAppender(seen);
        }
    }

    @Test
    void sign_in_is_rate_limited_per_account_with_retry_after() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.LOGIN_ATTEMPTS_PER_ACCOUNT, "3"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, server.anonymous().postJson("/api/auth/login", LOGIN.formatted("wrong" + i)).statusCode());
            }
            HttpResponse<String> limited = server.anonymous().postJson("/api/auth/login", LOGIN.formatted(AppHarness.PASSWORD));

            UploadApiTest.assertError(limited, 429, "too_many_requests", "account");
            int retryAfter = Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            // another account is not affected
            assertEquals(401, server.anonymous().postJson("/api/auth/login",
                    "{\"email\":\"other@example.org\",\"password\":\"whatever-long\"}").statusCode());
        }
    }

    @Test
    void sign_in_and_registration_are_rate_limited_per_address() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.LOGIN_ATTEMPTS_PER_IP, "4"))) {
            for (int i = 0; i < 3; i++) {
                server.anonymous().postJson("/api/auth/login", "{\"email\":\"u" + i + "@example.org\",\"password\":\"x\"}");
            }
            HttpResponse<String> limited = server.anonymous().postJson("/api/auth/register", register("new@example.org", ""));

            UploadApiTest.assertError(limited, 429, "too_many_requests", "address");
            assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        }
    }

    @Test
    void a_session_expires_after_the_idle_limit_and_after_the_absolute_limit() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.SESSION_IDLE_MINUTES, "30",
                Setting.SESSION_MAX_HOURS, "2"), clock)) {
            // used every 20 minutes: the idle limit never hits, the absolute limit (2 h) does
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMinutes(20));
                assertEquals(200, server.get("/api/account").statusCode(), "after " + (i + 1) * 20 + " min");
            }
            clock.advance(Duration.ofMinutes(21));
            assertEquals(401, server.get("/api/account").statusCode(), "past 2 h since sign-in");

            ApiClient fresh = server.signIn(AppHarness.OWNER_EMAIL, AppHarness.PASSWORD);
            clock.advance(Duration.ofMinutes(29));
            assertEquals(200, fresh.get("/api/account").statusCode());
            clock.advance(Duration.ofMinutes(31));
            assertEquals(401, fresh.get("/api/account").statusCode(), "idle for 31 min");
        }
    }

    @Test
    void a_session_survives_a_restart_and_logout_ends_it() throws Exception {
        String cookie;
        String id;
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            cookie = server.owner.cookie;
            id = server.owner.accountId;
        }
        try (AppHarness restarted = AppHarness.startSignedOut(dataDir, Map.of())) {
            ApiClient same = restarted.withCookie(cookie, id);
            assertEquals(id, AppHarness.json(same.get("/api/account")).get("id").asText());

            assertEquals(204, same.postJson("/api/auth/logout", "").statusCode());
            assertEquals(401, same.get("/api/account").statusCode());
        }
    }

    @Test
    void a_password_change_needs_the_current_password_and_ends_the_other_sessions() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            ApiClient other = server.signIn(AppHarness.OWNER_EMAIL, AppHarness.PASSWORD);
            String body = "{\"current_password\":\"%s\",\"new_password\":\"a brand new passphrase\"}";

            UploadApiTest.assertError(server.owner.putJson("/api/account/password", body.formatted("not-it-at-all")),
                    403, "forbidden", "current_password");
            assertEquals(204, server.owner.putJson("/api/account/password", body.formatted(AppHarness.PASSWORD)).statusCode());

            assertEquals(200, server.get("/api/account").statusCode(), "this session stays");
            assertEquals(401, other.get("/api/account").statusCode(), "the other session ended");
            assertEquals(200, server.signIn(AppHarness.OWNER_EMAIL, "a brand new passphrase").get("/api/account").statusCode());
        }
    }

    @Test
    void every_answer_carries_the_security_headers() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            for (HttpResponse<String> r : java.util.List.of(server.get("/"), server.get("/api/account"),
                    server.anonymous().get("/api/events"), server.get("/api/nothing-here"), server.get("/health"))) {
                String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
                assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), r.uri() + " " + csp);
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), r.uri().toString());
                assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), r.uri().toString());
            }
        }
    }

    @Test
    void the_sign_in_page_is_public_and_loads_its_script_from_a_file() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            HttpResponse<String> page = server.anonymous().get("/signin.html");
            HttpResponse<String> script = server.anonymous().get("/js/signin.js");

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script type=\"module\" src=\"/js/signin.js\""), page.body());
            assertFalse(page.body().replace("<script type=\"module\" src=", "").contains("<script"), "no inline script (CSP)");
            assertTrue(script.body().contains("/api/auth/register") && script.body().contains("/api/auth/login"));
        }
    }

    @Test
    void a_state_changing_request_from_a_foreign_origin_is_403_unless_the_origin_is_allowed() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.ALLOWED_ORIGINS, "https://app.example.org"))) {
            String contact = "{\"name\":\"Sam\",\"email\":\"sam@example.org\"}";
            java.util.function.Function<String, HttpResponse<String>> from = origin -> {
                try {
                    return server.owner.send(server.request("/api/contacts").header("Origin", origin)
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(contact)).build());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };

            UploadApiTest.assertError(from.apply("https://evil.example"), 403, "forbidden", "evil.example");
            assertEquals(201, from.apply("http://127.0.0.1:" + server.app.port()).statusCode(), "the server's own origin");
            assertEquals(201, from.apply("https://app.example.org").statusCode(), "ALLOWED_ORIGINS");
            assertEquals(200, server.owner.send(server.request("/api/contacts").header("Origin", "https://evil.example")
                    .GET().build()).statusCode(), "reads are not state-changing (CORS keeps their answers from the page)");
        }
    }

    @Test
    void a_websocket_from_a_foreign_origin_is_refused_even_with_the_victims_cookie() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.ALLOWED_ORIGINS, "https://app.example.org"))) {
            Exception refused = assertThrows(Exception.class,
                    () -> server.stream("/api/stream", "Origin", "https://evil.example"));
            assertEquals(403, handshakeStatus(refused));
            assertEquals(401, handshakeStatus(assertThrows(Exception.class, () -> server.anonymous().stream("/api/stream",
                    "Origin", "http://127.0.0.1:" + server.app.port()))), "no session");

            WsClient own = server.stream("/api/stream", "Origin", "http://127.0.0.1:" + server.app.port());
            WsClient allowed = server.stream("/api/stream", "Origin", "https://app.example.org");
            own.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
            StreamApiTest.await(() -> own.ofType("ready").size() == 1, "ready");
            own.close();
            allowed.close();
        }
    }

    /** The HTTP status with which the server refused a WebSocket upgrade. */
    static int handshakeStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
        }
        throw new AssertionError("not a refused handshake", e);
    }

    @Test
    void metrics_need_the_bearer_token_when_one_is_set() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.METRICS_TOKEN, "s3cret-token"))) {
            HttpResponse<String> without = server.anonymous().get("/metrics");
            HttpResponse<String> with = server.anonymous().send(server.anonymous().request("/metrics")
                    .header("Authorization", "Bearer s3cret-token").GET().build());

            assertEquals(401, without.statusCode());
            assertEquals(200, with.statusCode());
            assertTrue(with.body().contains("screamguard_"), "Prometheus text");
        }
    }

    @Test
    void production_hashes_passwords_with_bcrypt_cost_12() {
        ServerDependencies production = new ServerDependencies(new FakeScoring(600), OfflineIpLocator.empty(),
                Clock.systemUTC());

        assertEquals(12, Passwords.DEFAULT_COST);
        assertEquals(12, production.bcryptCost());
        assertThrows(IllegalArgumentException.class, () -> new Passwords(3));
    }
}
