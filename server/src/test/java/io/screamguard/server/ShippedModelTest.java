package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.CoreScoring;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model shipped in the jar (classpath {@code model/}, committed by the training work) loads the
 * way {@code Main} loads it and answers an upload and a stream.
 */
class ShippedModelTest {
    @TempDir
    Path dataDir;

    @Test
    void the_shipped_model_loads_and_answers_an_upload_and_a_stream() throws Exception {
        // the model is committed with the server: it never skips, and a missing resource is a failure
        java.net.URL json = ShippedModelTest.class.getClassLoader().getResource("model/model.json");
        assertNotNull(json, "server/src/main/resources/model/model.json is missing from the classpath: the shipped model"
                + " must be committed (train it with screamguard-cli and copy the output directory there)");
        JsonNode card;
        try (java.io.InputStream in = json.openStream()) {
            card = AppHarness.JSON.readTree(in);
        }
        ScreamModel model = Main.loadModel(ServerConfig.of(Map.of()));
        CoreScoring scoring = new CoreScoring(model, DetectorConfig.fromModel(model.metadata()), DecodeLimits.DEFAULT);
        String version = card.get("modelVersion").asText();
        double threshold = card.get("recommendedThreshold").asDouble();
        double windowSeconds = card.get("window").get("windowSeconds").asDouble();
        double hopSeconds = card.get("window").get("hopSeconds").asDouble();
        assertEquals(version, model.metadata().modelVersion());
        assertEquals(threshold, scoring.model().thresholdProbability(), 1e-12, "the threshold is the model's recommended one");
        assertEquals(hopSeconds, scoring.model().hopSeconds(), 1e-12);
        assertEquals(windowSeconds, scoring.model().windowSeconds(), 1e-12);

        try (AppHarness server = AppHarness.start(dataDir, Map.of(), scoring, OfflineIpLocator.empty())) {
            HttpResponse<String> r = server.upload("tone.wav", TestAudio.wav(TestAudio.concat(
                    TestAudio.noise(16000, 1.0, 0.02, 1), TestAudio.harmonicTone(16000, 2.0, 900)), 16000));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = AppHarness.json(r);
            assertEquals(version, body.get("model_version").asText());
            assertEquals(threshold, body.get("threshold").asDouble(), 1e-12, r.body());
            assertTrue(body.get("verdict").asText().matches("scream|no_scream"), r.body());

            WsClient ws = server.stream("/api/stream");
            ws.text("{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1}");
            ws.binary(TestAudio.s16le(TestAudio.noise(48000, 3.0, 0.05, 2)));
            StreamApiTest.await(() -> ws.ofType("hop").size() >= 2, "hop messages from the shipped model");
            JsonNode ready = ws.ofType("ready").get(0);
            assertEquals(version, ready.get("model_version").asText());
            assertEquals(threshold, ready.get("threshold").asDouble(), 1e-12);
            assertEquals(hopSeconds, ready.get("hop_s").asDouble(), 1e-12);
            assertEquals(windowSeconds, ready.get("window_s").asDouble(), 1e-12);
            double t0 = ws.ofType("hop").get(0).get("t").asDouble();
            double t1 = ws.ofType("hop").get(1).get("t").asDouble();
            assertEquals(windowSeconds, t0, 1e-6, "the first hop ends one window into the stream");
            assertEquals(hopSeconds, t1 - t0, 1e-6, "hops are hop_s apart");
            ws.close();
        }
    }
}
