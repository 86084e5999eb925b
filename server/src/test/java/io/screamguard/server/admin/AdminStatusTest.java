package io.screamguard.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/admin/status: the admin page's figures, for admins only, without the METRICS_TOKEN. */
class AdminStatusTest {
    @TempDir
    Path dataDir;

    @Test
    void counts_todays_events_of_everyone_open_streams_and_waiting_messages_for_an_admin_only() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of(Setting.METRICS_TOKEN, "secret-metrics-token"))) {
            ApiClient ana = harness.createPerson("ana@example.org");
            byte[] tone = TestAudio.wav(TestAudio.harmonicTone(16000, 2, 650), 16000);
            harness.owner.upload("a.wav", tone);
            ana.upload("b.wav", tone);
            ana.upload("c.wav", TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 5), 16000));
            harness.app.events().awaitWrites(Duration.ofSeconds(10));

            JsonNode status = AppHarness.json(harness.owner.get("/api/admin/status"));

            assertEquals("up", status.get("database").asText());
            assertEquals(3, status.get("events_today").asInt(), status.toString());
            assertEquals(0, status.get("active_streams").asInt());
            assertEquals(0, status.get("alerts_pending").asInt());
            assertEquals(0, status.get("countdowns_running").asInt());
            assertEquals(0, status.get("spool_depth").asInt());
            assertEquals(403, ana.get("/api/admin/status").statusCode(), "a person");
            assertEquals(401, harness.anonymous().get("/api/admin/status").statusCode(), "nobody");
            assertEquals(401, harness.owner.get("/metrics").statusCode(), "/metrics wants its token, which the page cannot have");
        }
    }
}
