package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a trusted proxy (TRUSTED_PROXIES holds the peer's address; the tests connect from
 * loopback) the client address is the rightmost X-Forwarded-For entry that is not itself a trusted
 * proxy, also when the client sent its own header and the proxy added a second one; a peer that is
 * not a trusted proxy is the client, whatever it sends.
 */
class ForwardedForTest {
    @TempDir
    Path dataDir;

    @Test
    void uploads_and_streams_take_the_address_the_proxy_appended_not_the_one_the_client_sent() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.TRUSTED_PROXIES, "127.0.0.0/8,::1,10.0.0.0/8"))) {
            // given an upload whose client forged a header and whose proxy appended its own
            AppHarness.Multipart m = AppHarness.Multipart.of(List.of(AppHarness.Part.file("file", "a.wav",
                    TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000))));
            HttpResponse<String> r = server.http.send(server.request("/api/analyze")
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", m.contentType())
                    .header("X-Forwarded-For", "1.2.3.4").header("X-Forwarded-For", "203.0.113.9")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            String uploadId = AppHarness.json(r).get("event_id").asText();

            // and a stream the same way
            WsClient ws = server.stream("/api/stream",
                    "X-Forwarded-For", "1.2.3.4, 5.6.7.8", "X-Forwarded-For", "203.0.113.10, 10.0.0.4");
            ws.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
            ws.binary(TestAudio.s16le(TestAudio.noise(16000, 1.0, 0.01, 2)));
            StreamApiTest.await(() -> ws.ofType("hop").size() >= 1, "a hop");
            ws.close();
            StreamApiTest.await(() -> {
                try {
                    return AppHarness.json(server.get("/api/events?type=live_session")).get("total").asLong() == 1;
                } catch (Exception e) {
                    return false;
                }
            }, "the session summary");

            // then both events hold the proxy's address
            JsonNode upload = AppHarness.json(server.get("/api/events/" + uploadId));
            assertEquals("203.0.113.9", upload.get("device_info").get("ip").asText(), upload.toString());
            JsonNode session = AppHarness.json(server.get("/api/events?type=live_session")).get("items").get(0);
            assertEquals("203.0.113.10", session.get("device_info").get("ip").asText(), session.toString());
        }
    }

    @Test
    void a_peer_that_is_not_a_trusted_proxy_is_the_client_whatever_it_forwards() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.TRUSTED_PROXIES, "10.0.0.0/8"))) {
            // given an upload from loopback, which is not in TRUSTED_PROXIES, claiming another address
            AppHarness.Multipart m = AppHarness.Multipart.of(List.of(AppHarness.Part.file("file", "a.wav",
                    TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000))));
            HttpResponse<String> r = server.http.send(server.request("/api/analyze")
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", m.contentType())
                    .header("X-Forwarded-For", "203.0.113.9")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());

            // then the event holds the socket's address, not the header's
            JsonNode upload = AppHarness.json(server.get("/api/events/" + AppHarness.json(r).get("event_id").asText()));
            String ip = upload.get("device_info").get("ip").asText();
            assertTrue(ip.equals("127.0.0.1") || ip.contains(":"), upload.toString());
        }
    }
}
