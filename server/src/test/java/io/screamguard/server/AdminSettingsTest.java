package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.CoreScoring;
import io.screamguard.server.support.ApiClient;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin settings at run time: validation, persistence, the audit log, running streams, the model card. */
class AdminSettingsTest {
    @TempDir
    Path dataDir;

    static final String HELLO_16K = "{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}";

    @Test
    void a_new_threshold_reaches_a_running_stream_at_its_next_hop() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            // given a stream whose noise scores 0.43 with the fake scorer, below its threshold 0.5
            WsClient ws = server.stream("/api/stream");
            ws.text(HELLO_16K);
            ws.binary(TestAudio.s16le(TestAudio.noise(16000, 1.0, 0.15, 1)));
            StreamApiTest.await(() -> ws.ofType("hop").size() == 3, "3 hops");
            assertTrue(ws.ofType("hop").stream().allMatch(h -> h.get("state").asText().equals("below")),
                    ws.ofType("hop").toString());

            // when an admin lowers the threshold while the stream runs
            HttpResponse<String> put = server.owner.putJson("/api/admin/settings", "{\"threshold_probability\":0.3}");
            assertEquals(200, put.statusCode(), put.body());
            ws.binary(TestAudio.s16le(TestAudio.noise(16000, 1.0, 0.15, 2)));
            StreamApiTest.await(() -> ws.ofType("hop").size() == 7, "4 more hops");

            // then the very next hop is judged with it, without reconnecting
            List<String> after = new ArrayList<>();
            ws.ofType("hop").subList(3, 7).forEach(h -> after.add(h.get("state").asText()));
            assertNotEquals("below", after.get(0), after.toString());
            assertFalse(after.contains("below"), after.toString());
            // and the hop messages say which threshold judged them (the page draws its line from it)
            assertEquals(0.5, ws.ofType("hop").get(2).get("threshold").asDouble(), 1e-12);
            assertEquals(0.3, ws.ofType("hop").get(3).get("threshold").asDouble(), 1e-12);
            ws.close();
        }
    }

    @Test
    void the_loudness_gate_changes_the_shipped_models_running_stream_at_its_next_hop() throws Exception {
        ScreamModel model = Main.loadModel(ServerConfig.of(Map.of()));
        CoreScoring scoring = new CoreScoring(model, DetectorConfig.fromModel(model.metadata()), DecodeLimits.DEFAULT);
        try (AppHarness server = AppHarness.start(dataDir, Map.of(), scoring, OfflineIpLocator.empty())) {
            WsClient ws = server.stream("/api/stream");
            ws.text("{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1}");
            ws.binary(TestAudio.s16le(TestAudio.harmonicTone(48000, 2.0, 700)));
            StreamApiTest.await(() -> ws.ofType("hop").size() >= 2, "hops of a loud tone");
            assertTrue(ws.ofType("hop").stream().noneMatch(h -> h.get("state").asText().equals("quiet")));

            assertEquals(200, server.owner.putJson("/api/admin/settings", "{\"quiet_rms\":1.0}").statusCode());
            ws.binary(TestAudio.s16le(TestAudio.harmonicTone(48000, 2.0, 700)));
            StreamApiTest.await(() -> ws.ofType("hop").stream().anyMatch(h -> h.get("t").asDouble() >= 3.5), "later hops");

            for (JsonNode hop : ws.ofType("hop")) {
                if (hop.get("t").asDouble() > 2.0 + 1e-9) {
                    assertEquals("quiet", hop.get("state").asText(), "every window after the change is gated: " + hop);
                }
            }
            ws.close();
        }
    }

    @Test
    void settings_are_validated_with_the_start_up_rules_and_each_bad_field_is_named() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            UploadApiTest.assertError(server.owner.putJson("/api/admin/settings", "{\"threshold_probability\":0}"),
                    400, "bad_request", "threshold_probability");
            UploadApiTest.assertError(server.owner.putJson("/api/admin/settings", "{\"debounce_k\":5,\"debounce_n\":3}"),
                    400, "bad_request", "debounce_k");
            UploadApiTest.assertError(server.owner.putJson("/api/admin/settings", "{\"countdown_seconds\":-1}"),
                    400, "bad_request", "countdown_seconds");
            UploadApiTest.assertError(server.owner.putJson("/api/admin/settings", "{\"quiet_rms\":\"loud\"}"),
                    400, "bad_request", "quiet_rms");
            assertEquals(0.5, AppHarness.json(server.get("/api/admin/settings")).get("threshold_probability").asDouble(),
                    "nothing changed");
            assertEquals(0, AppHarness.json(server.get("/api/admin/audit")).get("total").asLong(), "nothing audited");
        }
    }

    @Test
    void every_change_is_audited_with_who_when_old_and_new_newest_first() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            server.owner.putJson("/api/admin/settings", "{\"threshold_probability\":0.7}");
            server.owner.putJson("/api/admin/settings", "{\"cooldown_seconds\":300,\"max_alerts_per_hour\":3}");

            JsonNode audit = AppHarness.json(server.get("/api/admin/audit"));

            assertEquals(2, audit.get("total").asLong());
            JsonNode newest = audit.get("items").get(0);
            assertEquals(AppHarness.OWNER_EMAIL, newest.get("actor_email").asText());
            assertEquals(server.owner.accountId, newest.get("actor_id").asText());
            assertEquals("settings.update", newest.get("action").asText());
            assertEquals(120, newest.get("old_value").get("cooldown_seconds").asInt());
            assertEquals(300, newest.get("new_value").get("cooldown_seconds").asInt());
            assertEquals(0.7, newest.get("old_value").get("threshold_probability").asDouble());
            assertFalse(newest.get("at").asText().isEmpty());
            assertEquals(0.5, audit.get("items").get(1).get("old_value").get("threshold_probability").asDouble());
        }
    }

    @Test
    void a_saved_setting_wins_over_the_configuration_after_a_restart() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            assertEquals(200, server.owner.putJson("/api/admin/settings", "{\"threshold_probability\":0.9}").statusCode());
        }
        try (AppHarness restarted = AppHarness.start(dataDir, Map.of(Setting.THRESHOLD_PROBABILITY, "0.6"))) {
            assertEquals(0.9, AppHarness.json(restarted.get("/api/admin/settings")).get("threshold_probability").asDouble());
            assertEquals(0.9, restarted.app.settings().current().thresholdProbability());
            HttpResponse<String> upload = restarted.upload("a.wav", TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000));
            assertEquals(0.9, AppHarness.json(upload).get("threshold").asDouble(), "uploads use it too");
        }
    }

    @Test
    void the_model_card_shows_the_version_the_training_data_and_every_threshold_curve_of_the_metadata() throws Exception {
        ScreamModel model = Main.loadModel(ServerConfig.of(Map.of()));
        CoreScoring scoring = new CoreScoring(model, DetectorConfig.fromModel(model.metadata()), DecodeLimits.DEFAULT);
        JsonNode metadata;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("model/model.json")) {
            metadata = AppHarness.JSON.readTree(in);
        }
        List<JsonNode> curves = metadata.findValues("thresholdCurve");
        try (AppHarness server = AppHarness.start(dataDir, Map.of(), scoring, OfflineIpLocator.empty())) {
            ApiClient person = server.createPerson("p@example.org");
            JsonNode card = AppHarness.json(server.get("/api/admin/model"));

            assertEquals(403, person.get("/api/admin/model").statusCode());
            assertEquals(metadata.get("modelVersion").asText(), card.get("version").asText());
            assertEquals(metadata.get("recommendedThreshold").asDouble(), card.get("threshold_in_force").asDouble());
            assertFalse(card.get("training_data").isNull(), card.toString());
            assertEquals(curves.size(), card.get("threshold_curves").size());
            for (int i = 0; i < curves.size(); i++) {
                JsonNode points = card.get("threshold_curves").get(i).get("points");
                assertEquals(curves.get(i), points, "the curve as the metadata holds it");
                for (String key : List.of("threshold", "precision", "recall", "false_alarm_rate")) {
                    assertTrue(points.get(0).has(key), "a point has " + key + ": " + points.get(0));
                }
            }
        }
    }
}
