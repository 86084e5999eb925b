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

/** The whole app in-process on port 0 with the embedded store in a temporary directory, plus an HTTP client. */
public final class AppHarness implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    public final ServerApp app;
    /** A client for requests the test builds itself. */
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AppHarness(ServerApp app) {
        this.app = app;
    }

    /** Starts with the fake scorer, the given data directory and settings. */
    public static AppHarness start(Path dataDir, Map<Setting, String> overrides) {
        double maxSeconds = Double.parseDouble(overrides.getOrDefault(Setting.MAX_UPLOAD_SECONDS,
                Setting.MAX_UPLOAD_SECONDS.defaultValue()));
        return start(dataDir, overrides, new FakeScoring(maxSeconds), OfflineIpLocator.empty());
    }

    /** Starts with a given scorer and IP locator. */
    public static AppHarness start(Path dataDir, Map<Setting, String> overrides, Scoring scoring, IpLocator ipLocator) {
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.PORT, "0");
        settings.put(Setting.HOST, "127.0.0.1");
        settings.put(Setting.DATA_DIR, dataDir.toString());
        settings.put(Setting.MONGODB_TIMEOUT_MS, "500");
        settings.put(Setting.SPOOL_RETRY_SECONDS, "0.2");
        settings.put(Setting.STREAM_WORKERS, "2");
        settings.putAll(overrides);
        ServerConfig config = ServerConfig.of(settings);
        return new AppHarness(ServerApp.create(config, new ServerDependencies(scoring, ipLocator, Clock.systemUTC())).start());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    /**
     * GET. Events are written a few milliseconds after the answer that names them, so queries of
     * the event log first wait for the writes recorded so far.
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        if (path.startsWith("/api/events") || path.startsWith("/api/stats")) {
            app.events().awaitWrites(Duration.ofSeconds(10));
        }
        return fresh().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return fresh().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a multipart form. */
    public HttpResponse<String> postForm(String path, List<Part> parts) throws IOException, InterruptedException {
        Multipart m = Multipart.of(parts);
        return post(path, m.contentType(), m.body());
    }

    /** Uploads a file as part 'file'. */
    public HttpResponse<String> upload(String fileName, byte[] audio) throws IOException, InterruptedException {
        return postForm("/api/analyze", List.of(Part.file("file", fileName, audio)));
    }

    /**
     * A new client per request: after refusing a body it did not read (413) the server closes the
     * connection, and a pooled connection would then fail the next request.
     */
    private static HttpClient fresh() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
