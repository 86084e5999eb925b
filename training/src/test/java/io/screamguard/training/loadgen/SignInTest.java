package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SignInTest {

    @Test
    void signs_in_with_the_servers_own_origin_and_returns_the_session_cookie() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/auth/login", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.compareAndSet(null, exchange.getRequestHeaders().getFirst("Origin") + " " + body);
            boolean right = body.contains("\"password\":\"p\\\"w\"");
            exchange.getResponseHeaders().add("Set-Cookie", "sg_session=abc; HttpOnly; SameSite=Lax; Path=/");
            exchange.sendResponseHeaders(right ? 200 : 401, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("ws://127.0.0.1:" + server.getAddress().getPort() + "/api/stream");

            String cookie = SignIn.sessionCookie(HttpClient.newHttpClient(), url, "a@b.org", "p\"w");
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> SignIn.sessionCookie(HttpClient.newHttpClient(), url, "a@b.org", "wrong"));

            assertEquals("sg_session=abc", cookie);
            assertEquals("http://127.0.0.1:" + server.getAddress().getPort()
                    + " {\"email\":\"a@b.org\",\"password\":\"p\\\"w\"}", seen.get());
            assertTrue(refused.getMessage().contains("401"), refused.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void the_origin_of_a_secure_stream_is_https() {
        assertEquals("https://example.org", SignIn.origin(URI.create("wss://example.org/api/stream")));
        assertEquals("http://127.0.0.1:8080", SignIn.origin(URI.create("ws://127.0.0.1:8080/api/stream")));
    }
}
