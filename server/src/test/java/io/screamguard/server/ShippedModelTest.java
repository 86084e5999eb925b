package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Assumptions;
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
        Assumptions.assumeTrue(ShippedModelTest.class.getClassLoader().getResource("model/model.json") != null,
                "no shipped model under server/src/main/resources/model yet");
        ScreamModel model = Main.loadModel(ServerConfig.of(Map.of()));
        CoreScoring scoring = new CoreScoring(model, DetectorConfig.fromModel(model.metadata()), DecodeLimits.DEFAULT);

        try (AppHarness server = AppHarness.start(dataDir, Map.of(), scoring, OfflineIpLocator.empty())) {
            HttpResponse<String> r = server.upload("tone.wav", TestAudio.wav(TestAudio.concat(
                    TestAudio.noise(16000, 1.0, 0.02, 1), TestAudio.harmonicTone(16000, 2.0, 900)), 16000));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = AppHarness.json(r);
            assertEquals(model.metadata().modelVersion(), body.get("model_version").asText());
            assertTrue(body.get("verdict").asText().matches("scream|no_scream"), r.body());

            WsClient ws = WsClient.connect(server.app.port(), "/api/stream");
            ws.text("{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1}");
            ws.binary(TestAudio.s16le(TestAudio.noise(48000, 3.0, 0.05, 2)));
            StreamApiTest.await(() -> ws.ofType("hop").size() >= 2, "hop messages from the shipped model");
            ws.close();
        }
    }
}
