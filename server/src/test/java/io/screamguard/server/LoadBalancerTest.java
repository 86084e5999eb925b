package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.screamguard.server.analyze.AnalyzeHandler;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.FakeTwilio;
import io.screamguard.server.support.Nginx;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.TestCertificate;
import io.screamguard.server.support.TwoServers;
import io.screamguard.server.support.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server instances on one database behind a real nginx running the shipped configuration
 * (deploy/nginx/screamguard.conf, with only its ports and certificate paths replaced): TLS, the
 * HTTP to HTTPS redirect, X-Forwarded-For/-Proto, WebSocket upgrade, round-robin HTTP.
 */
class LoadBalancerTest {
    @TempDir
    static Path dir;
    static FakeTwilio twilio;
    static TwoServers servers;
    static Nginx nginx;
    static TestCertificate tls;
    static String https;
    static int httpPort;

    static Path shippedConfig() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("deploy/nginx/screamguard.conf"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("deploy/nginx/screamguard.conf not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("deploy/nginx/screamguard.conf");
    }

    @BeforeAll
    static void start() throws Exception {
        if (Nginx.binary() == null) {
            Assertions.assertNotEquals("true", System.getenv("CI"),
                    "nginx is required under CI=true (apt-get install nginx)");
            Assumptions.abort("nginx is not installed (apt-get install nginx): the load-balancer test is skipped");
        }
        twilio = new FakeTwilio();
        Map<Setting, String> settings = ClusterAlertTest.smsOnly(twilio, "0.2", "5");
        settings.put(Setting.TRUSTED_PROXIES, "127.0.0.1");
        settings.put(Setting.COUNTDOWN_SECONDS, "0");
        servers = TwoServers.start(dir, settings);
        tls = TestCertificate.create(dir.resolve("tls"));
        httpPort = TwoServers.freePort();
        int httpsPort = TwoServers.freePort();
        String conf = Nginx.deriveFromShipped(Files.readString(shippedConfig()), httpPort, httpsPort,
                List.of(servers.first.app.port(), servers.second.app.port()), tls.certificate(), tls.key());
        nginx = Nginx.start(dir.resolve("nginx"), conf, httpsPort);
        https = "https://127.0.0.1:" + httpsPort;
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (servers != null) {
            servers.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    static ApiClient viaNginx(ApiClient c) {
        return c.via(https, tls.trust());
    }

    static long served(AppHarness instance, String route, String status) {
        return instance.app.registry().find("screamguard_http_requests").tag("route", route).tag("status", status)
                .timers().stream().mapToLong(Timer::count).sum();
    }

    static double activeStreams(AppHarness instance) {
        return instance.app.registry().find("screamguard_active_streams").gauge().value();
    }

    static HttpResponse<String> login(String email) throws Exception {
        return ApiClient.anonymousAt(https, tls.trust()).postJson("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + AppHarness.PASSWORD + "\"}");
    }

    @Test
    void plain_http_is_redirected_to_https() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/auth/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(301, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElse("").startsWith("https://127.0.0.1"), r.headers().toString());
    }

    @Test
    void the_shipped_body_limit_is_the_default_upload_limit_plus_the_multipart_overhead() throws Exception {
        Matcher m = Pattern.compile("client_max_body_size (\\d+);").matcher(Files.readString(shippedConfig()));

        assertTrue(m.find(), "client_max_body_size in bytes");
        assertEquals(Long.parseLong(Setting.MAX_UPLOAD_BYTES.defaultValue()) + AnalyzeHandler.MULTIPART_OVERHEAD_BYTES,
                Long.parseLong(m.group(1)));
    }

    @Test
    void logins_and_uploads_through_nginx_are_served_by_both_instances_with_the_forwarded_client() throws Exception {
        long loginsBefore1 = served(servers.first, "/api/auth/login", "200");
        long loginsBefore2 = served(servers.second, "/api/auth/login", "200");
        long uploadsBefore1 = served(servers.first, "/api/analyze", "200");
        long uploadsBefore2 = served(servers.second, "/api/analyze", "200");
        byte[] wav = TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000);
        String cookie = null;
        for (int i = 0; i < 4; i++) { // round robin: consecutive requests alternate between the instances
            HttpResponse<String> r = login(AppHarness.OWNER_EMAIL);
            assertEquals(200, r.statusCode(), r.body());
            String setCookie = r.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("screamguard_session=")).findFirst().orElseThrow();
            assertTrue(setCookie.contains("Secure"), "X-Forwarded-Proto https reached the server: " + setCookie);
            cookie = ApiClient.sessionCookie(r).orElseThrow();
        }
        ApiClient owner = viaNginx(servers.first.owner).withSession(cookie, servers.first.owner.accountId);
        String uploadId = null;
        for (int i = 0; i < 4; i++) {
            AppHarness.Multipart m = AppHarness.Multipart.of(List.of(AppHarness.Part.file("file", "a.wav", wav)));
            HttpResponse<String> u = owner.send(owner.request("/api/analyze").header("Content-Type", m.contentType())
                    .header("X-Forwarded-For", "203.0.113.9")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build());
            assertEquals(200, u.statusCode(), u.body());
            uploadId = AppHarness.json(u).get("event_id").asText();
        }
        servers.first.app.events().awaitWrites(java.time.Duration.ofSeconds(10));
        servers.second.app.events().awaitWrites(java.time.Duration.ofSeconds(10));

        assertTrue(served(servers.first, "/api/auth/login", "200") > loginsBefore1, "logins on the first instance");
        assertTrue(served(servers.second, "/api/auth/login", "200") > loginsBefore2, "logins on the second instance");
        assertTrue(served(servers.first, "/api/analyze", "200") > uploadsBefore1, "uploads on the first instance");
        assertTrue(served(servers.second, "/api/analyze", "200") > uploadsBefore2, "uploads on the second instance");
        JsonNode event = AppHarness.json(servers.first.get("/api/events/" + uploadId));
        assertEquals("203.0.113.9", event.get("device_info").get("ip").asText(), "X-Forwarded-For reached the server");
    }

    @Test
    void a_session_created_on_one_instance_works_on_the_other_and_through_nginx() throws Exception {
        ApiClient onFirst = servers.first.signIn(AppHarness.OWNER_EMAIL, AppHarness.PASSWORD);
        ApiClient onSecond = onFirst.via("http://127.0.0.1:" + servers.second.app.port(), null);

        HttpResponse<String> direct = onSecond.get("/api/account");

        assertEquals(200, direct.statusCode(), direct.body());
        for (int i = 0; i < 4; i++) { // round robin: both instances see the session
            HttpResponse<String> r = viaNginx(onFirst).get("/api/account");
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    @Test
    void a_stream_through_nginx_stays_on_one_instance_and_its_incident_sends_one_sms_with_both_dispatchers_running()
            throws Exception {
        AlertFlowTest.Person p = AlertFlowTest.person(servers.first);
        ApiClient client = viaNginx(p.client());
        int before = twilio.requests.get();

        WsClient ws = client.stream("/api/stream");
        ws.text(AlertFlowTest.HELLO);
        ws.binary(TestAudio.s16le(TestAudio.noise(48_000, 1.0, 0.01, 2)));
        SpoolRecoveryTest.await(() -> ws.ofType("hop").size() >= 1, "hops through nginx");
        double one = activeStreams(servers.first);
        double two = activeStreams(servers.second);
        StreamApiTest.sendInRandomChunks(ws, TestAudio.wavPayload(StreamApiTest.screamWav48k()), 5);
        SpoolRecoveryTest.await(() -> !ws.ofType("countdown").isEmpty(), "the countdown through nginx");
        AlertFlowTest.await(() -> !AlertFlowTest.smsTo(twilio, p.phone()).isEmpty(), "the SMS");
        Thread.sleep(1_500); // both dispatchers poll every 250 ms

        assertEquals(1.0, one + two, "one stream in all");
        assertEquals(one, activeStreams(servers.first), "the stream stayed where it was");
        assertEquals(two, activeStreams(servers.second), "the stream stayed where it was");
        assertEquals(1, AlertFlowTest.smsTo(twilio, p.phone()).size(), "one SMS for the one incident");
        assertEquals(before + 1, twilio.requests.get(), "one send attempt");
        ws.close();
    }

    @Test
    void a_setting_changed_on_one_instance_reaches_a_stream_through_nginx_on_the_other_and_a_cancel_through_nginx_stops_it() throws Exception {
        AlertFlowTest.Person p = AlertFlowTest.person(servers.first);
        WsClient ws = viaNginx(p.client()).stream("/api/stream");
        ws.text(AlertFlowTest.HELLO);
        ws.binary(TestAudio.s16le(TestAudio.noise(48_000, 1.0, 0.01, 2)));
        SpoolRecoveryTest.await(() -> ws.ofType("hop").size() >= 1, "hops through nginx");
        AppHarness holder = activeStreams(servers.first) > 0 ? servers.first : servers.second;
        AppHarness other = holder == servers.first ? servers.second : servers.first;

        HttpResponse<String> put = other.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":23}");
        assertEquals(200, put.statusCode(), put.body());
        AlertFlowTest.await(() -> holder.app.settings().current().countdownSeconds() == 23, "the change on the stream's"
                + " instance");
        StreamApiTest.sendInRandomChunks(ws, TestAudio.wavPayload(StreamApiTest.screamWav48k()), 7);
        SpoolRecoveryTest.await(() -> !ws.ofType("countdown").isEmpty(), "the countdown");

        assertEquals(23, ws.ofType("countdown").get(0).get("seconds").asInt());
        // cancelled over HTTP through nginx, whichever instance answers
        HttpResponse<String> cancel = viaNginx(p.client()).postJson("/api/incidents/"
                + ws.ofType("countdown").get(0).get("incident_id").asText() + "/cancel", "");
        assertEquals(200, cancel.statusCode(), cancel.body());
        SpoolRecoveryTest.await(() -> !ws.ofType("countdown_cancelled").isEmpty(), "the stream told of the cancel");
        assertEquals(0, holder.app.alerts().runningCountdowns());
        ws.close();
        other.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":0}");
        AlertFlowTest.await(() -> holder.app.settings().current().countdownSeconds() == 0, "the reset");
    }
}
