package io.screamguard.training.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Signs the load generator in (the server's {@code /api/stream} needs a session): one
 * {@code POST /api/auth/login} on the server of the stream URL, whose session cookie every stream
 * then sends with its upgrade, together with the server's own origin.
 */
final class SignIn {

    private SignIn() {
    }

    /** The server's own origin for a stream URL: {@code ws://h:p/...} -> {@code http://h:p}. */
    static String origin(URI streamUrl) {
        String scheme = "wss".equals(streamUrl.getScheme()) ? "https" : "http";
        return scheme + "://" + streamUrl.getHost() + (streamUrl.getPort() > 0 ? ":" + streamUrl.getPort() : "");
    }

    /**
     * Signs in and returns the {@code Cookie} header value.
     *
     * @throws IllegalStateException naming the status when the server refuses
     */
    static String sessionCookie(HttpClient http, URI streamUrl, String email, String password)
            throws IOException, InterruptedException {
        String body = "{\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin(streamUrl) + "/api/auth/login"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Origin", origin(streamUrl))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in as " + email + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        List<String> cookies = response.headers().allValues("Set-Cookie");
        if (cookies.isEmpty()) {
            throw new IllegalStateException("sign-in as " + email + " set no session cookie");
        }
        StringBuilder header = new StringBuilder();
        for (String cookie : cookies) {
            header.append(header.length() > 0 ? "; " : "").append(cookie.split(";", 2)[0]);
        }
        return header.toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
