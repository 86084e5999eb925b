package io.screamguard.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.server.ServerApp;
import io.screamguard.server.ServerDependencies;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.IpLocator;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.Scoring;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole app in-process on port 0 with the embedded store in a temporary directory, plus an
 * HTTP client signed in as the first account (an admin, created on a fresh store), so the existing
 * tests call the API as a signed-in person. {@link #signUp} and {@link #signIn} give clients of
 * other people; {@link #anonymous()} one without a session.
 */
public final class AppHarness implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The first account's email and every test account's password. */
    public static final String OWNER_EMAIL = "owner@example.org";
    public static final String PASSWORD = "correct horse battery";
    /** bcrypt cost in tests: fast; production uses 12 (checked by AccountsApiTest). */
    public static final int TEST_BCRYPT_COST = 4;

    public final ServerApp app;
    /** A client for requests the test builds itself. */
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Requests as the first account (an admin); null when started signed out. */
    public final ApiClient owner;

    private AppHarness(ServerApp app, boolean signIn) throws IOException, InterruptedException {
        this.app = app;
        this.owner = signIn ? ownerSession() : null;
    }

    /** Starts with the fake scorer, the given data directory and settings, signed in as the first account. */
    public static AppHarness start(Path dataDir, Map<Setting, String> overrides) {
        return start(dataDir, overrides, new FakeScoring(maxSeconds(overrides)), OfflineIpLocator.empty());
    }

    /** Starts with a given scorer and IP locator, signed in as the first account. */
    public static AppHarness start(Path dataDir, Map<Setting, String> overrides, Scoring scoring, IpLocator ipLocator) {
        return start(dataDir, overrides, scoring, ipLocator, Clock.systemUTC(), true);
    }

    /** Starts without signing in (e.g. when the database is unreachable at start). */
    public static AppHarness startSignedOut(Path dataDir, Map<Setting, String> overrides) {
        return start(dataDir, overrides, new FakeScoring(maxSeconds(overrides)), OfflineIpLocator.empty(),
                Clock.systemUTC(), false);
    }

    /** Starts with a given scorer (e.g. the shipped model) on a fresh store, without any account (first-run pages). */
    public static AppHarness startSignedOut(Path dataDir, Map<Setting, String> overrides, Scoring scoring) {
        return start(dataDir, overrides, scoring, OfflineIpLocator.empty(), Clock.systemUTC(), false);
    }

    /** Starts with a given clock (session expiry tests), signed in as the first account. */
    public static AppHarness start(Path dataDir, Map<Setting, String> overrides, Clock clock) {
        return start(dataDir, overrides, new FakeScoring(maxSeconds(overrides)), OfflineIpLocator.empty(), clock, true);
    }

    private static double maxSeconds(Map<Setting, String> overrides) {
        return Double.parseDouble(overrides.getOrDefault(Setting.MAX_UPLOAD_SECONDS,
                Setting.MAX_UPLOAD_SECONDS.defaultValue()));
    }

    private static AppHarness start(Path dataDir, Map<Setting, String> overrides, Scoring scoring, IpLocator ipLocator,
                                    Clock clock, boolean signIn) {
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.PORT, "0");
        settings.put(Setting.HOST, "127.0.0.1");
        settings.put(Setting.DATA_DIR, dataDir.toString());
        settings.put(Setting.MONGODB_TIMEOUT_MS, "500");
        settings.put(Setting.SPOOL_RETRY_SECONDS, "0.2");
        settings.put(Setting.STREAM_WORKERS, "2");
        settings.put(Setting.LOGIN_ATTEMPTS_PER_IP, "1000");
        settings.put(Setting.LOGIN_ATTEMPTS_PER_ACCOUNT, "1000");
        settings.putAll(overrides);
        ServerConfig config = ServerConfig.of(settings);
        ServerApp app = ServerApp.create(config, new ServerDependencies(scoring, ipLocator, clock, TEST_BCRYPT_COST));
        try {
            app.start();
        } catch (RuntimeException e) { // e.g. the port taken: release the store so the data directory can be reused
            app.close();
            throw e;
        }
        try {
            return new AppHarness(app, signIn);
        } catch (IOException | InterruptedException | RuntimeException e) {
            app.close();
            throw new IllegalStateException("cannot sign in to the test server: " + e, e);
        }
    }

    /** Registers the first account on a fresh store, or signs in to it on a reused one. */
    private ApiClient ownerSession() throws IOException, InterruptedException {
        boolean fresh = ApiClient.json(anonymous().get("/api/auth/status")).get("setup_required").asBoolean();
        return fresh ? signUp(OWNER_EMAIL) : signIn(OWNER_EMAIL, PASSWORD);
    }

    /** A client without a session. */
    public ApiClient anonymous() {
        return new ApiClient(app.port(), null, null, this::awaitEventWrites);
    }

    /** A client with the given cookie ("screamguard_session=..."), e.g. one kept across a restart. */
    public ApiClient withCookie(String cookie, String accountId) {
        return new ApiClient(app.port(), cookie, accountId, this::awaitEventWrites);
    }

    /**
     * Registers an account (REGISTRATION must allow it: the first account, or open) and returns
     * its signed-in client.
     */
    public ApiClient signUp(String email) throws IOException, InterruptedException {
        return session(anonymous().postJson("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"), 201);
    }

    /** An admin creates an account, which then signs in. */
    public ApiClient createPerson(String email) throws IOException, InterruptedException {
        HttpResponse<String> r = owner.postJson("/api/admin/accounts",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating " + email + " answered " + r.statusCode() + ": " + r.body());
        }
        return signIn(email, PASSWORD);
    }

    /** Signs in and returns the client. */
    public ApiClient signIn(String email, String password) throws IOException, InterruptedException {
        return session(anonymous().postJson("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), 200);
    }

    private ApiClient session(HttpResponse<String> r, int expected) throws IOException {
        if (r.statusCode() != expected) {
            throw new IllegalStateException("signing in answered " + r.statusCode() + ": " + r.body());
        }
        String cookie = ApiClient.sessionCookie(r).orElseThrow(() -> new IllegalStateException("no session cookie in "
                + r.headers().allValues("Set-Cookie")));
        return withCookie(cookie, ApiClient.json(r).get("id").asText());
    }

    private void awaitEventWrites() {
        app.events().awaitWrites(Duration.ofSeconds(10));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    /** A request builder with the first account's cookie. */
    public HttpRequest.Builder request(String path) {
        return owner.request(path);
    }

    /** GET as the first account. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return owner.get(path);
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return owner.post(path, contentType, body);
    }

    /** Posts a multipart form as the first account. */
    public HttpResponse<String> postForm(String path, List<Part> parts) throws IOException, InterruptedException {
        return owner.postForm(path, parts);
    }

    /** Uploads a file as part 'file', as the first account. */
    public HttpResponse<String> upload(String fileName, byte[] audio) throws IOException, InterruptedException {
        return owner.upload(fileName, audio);
    }

    /** Opens a WebSocket as the first account, with extra headers (name, value, ...). */
    public WsClient stream(String path, String... headerNamesAndValues) throws Exception {
        return owner.stream(path, headerNamesAndValues);
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        app.close();
    }

    /** One multipart part: a field or a file. */
    public record Part(String name, String fileName, byte[] content) {
        public static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String name, String fileName, byte[] content) {
            return new Part(name, fileName, content);
        }
    }

    /** A multipart/form-data body. */
    public record Multipart(String boundary, byte[] body) {
        public static Multipart of(List<Part> parts) {
            String boundary = "----sg" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part p : parts) {
                StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
                if (p.fileName() != null) {
                    h.append("; filename=\"").append(p.fileName()).append("\"\r\nContent-Type: application/octet-stream");
                }
                h.append("\r\n\r\n");
                out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
                out.writeBytes(p.content());
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Multipart(boundary, out.toByteArray());
        }

        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }
    }
}
