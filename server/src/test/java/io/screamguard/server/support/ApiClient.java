package io.screamguard.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Requests to the app as one signed-in person (their session cookie on every request), or as
 * nobody when the cookie is null. A new HTTP client per request: after refusing a body it did not
 * read (413) the server closes the connection, and a pooled connection would then fail the next request.
 */
public final class ApiClient {
    private final String base;
    private final javax.net.ssl.SSLContext ssl;
    private final Runnable beforeEventQueries;
    public final String cookie;
    /** The account id, or null when not signed in. */
    public final String accountId;

    ApiClient(int port, String cookie, String accountId, Runnable beforeEventQueries) {
        this("http://127.0.0.1:" + port, null, cookie, accountId, beforeEventQueries);
    }

    private ApiClient(String base, javax.net.ssl.SSLContext ssl, String cookie, String accountId,
                      Runnable beforeEventQueries) {
        this.base = base;
        this.ssl = ssl;
        this.cookie = cookie;
        this.accountId = accountId;
        this.beforeEventQueries = beforeEventQueries;
    }

    /**
     * The same person's requests to another address (e.g. a load balancer in front of the app),
     * over TLS trusting {@code ssl}'s certificates when it is not null.
     */
    public ApiClient via(String baseUrl, javax.net.ssl.SSLContext sslContext) {
        return new ApiClient(baseUrl, sslContext, cookie, accountId, () -> { });
    }

    /** A client of nobody at that address. */
    public static ApiClient anonymousAt(String baseUrl, javax.net.ssl.SSLContext sslContext) {
        return new ApiClient(baseUrl, sslContext, null, null, () -> { });
    }

    /** The same address and TLS trust with another session ("screamguard_session=..."). */
    public ApiClient withSession(String sessionCookie, String id) {
        return new ApiClient(base, ssl, sessionCookie, id, beforeEventQueries);
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpClient client() {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return b.build();
    }

    /** A request builder for the path with this client's cookie (tests add headers and the method). */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GET; queries of the event log first wait for the event writes recorded so far. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        if (path.startsWith("/api/events") || path.startsWith("/api/stats") || path.startsWith("/api/account/export")) {
            beforeEventQueries.run();
        }
        return send(request(path).GET().build());
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        if (path.startsWith("/api/account")) {
            beforeEventQueries.run();
        }
        return send(request(path).DELETE().build());
    }

    /** Any method with an optional JSON body (the ownership matrix walks every route). */
    public HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Posts a multipart form. */
    public HttpResponse<String> postForm(String path, List<AppHarness.Part> parts) throws IOException, InterruptedException {
        AppHarness.Multipart m = AppHarness.Multipart.of(parts);
        return post(path, m.contentType(), m.body());
    }

    /** Uploads a file as part 'file'. */
    public HttpResponse<String> upload(String fileName, byte[] audio) throws IOException, InterruptedException {
        return postForm("/api/analyze", List.of(AppHarness.Part.file("file", fileName, audio)));
    }

    /** Opens /api/stream (or another WebSocket path) with this client's cookie and extra headers (name, value, ...). */
    public WsClient stream(String path, String... headerNamesAndValues) throws Exception {
        String[] headers = headerNamesAndValues;
        if (cookie != null) {
            headers = new String[headerNamesAndValues.length + 2];
            headers[0] = "Cookie";
            headers[1] = cookie;
            System.arraycopy(headerNamesAndValues, 0, headers, 2, headerNamesAndValues.length);
        }
        return WsClient.connect(client(), URI.create(base.replaceFirst("^http", "ws") + path), headers);
    }

    /** The session cookie ("name=value") a response set, if any. */
    public static Optional<String> sessionCookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("screamguard_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).filter(c -> !c.endsWith("=")).findFirst();
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return AppHarness.JSON.readTree(r.body());
    }
}
