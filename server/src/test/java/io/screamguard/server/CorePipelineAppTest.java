package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.detection.ClipAnalysis;
import io.screamguard.core.detection.ClipAnalyzer;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.detection.Incident;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.config.Setting;
import io.screamguard.server.location.OfflineIpLocator;
import io.screamguard.server.scoring.CoreScoring;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole app with the REAL core pipeline (decoder, features, random forest, detector) and a
 * small model trained here on synthetic data whose answer is known: a loud wavering high tone is
 * a scream, moderate noise with a low hum is not.
 */
class CorePipelineAppTest {
    static final int TRAIN_RATE = 16_000;
    static final int STREAM_RATE = 48_000;

    @TempDir
    static Path dataDir;
    static ScreamModel model;
    static CoreScoring scoring;
    static AppHarness server;

    /** A loud wavering tone around {@code frequencyHz}. */
    static float[] scream(int rate, double seconds, double frequencyHz, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[(int) (seconds * rate)];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double f = frequencyHz * (1 + 0.05 * Math.sin(2 * Math.PI * 5 * i / rate));
            phase += 2 * Math.PI * f / rate;
            out[i] = (float) (0.5 * Math.sin(phase) + 0.2 * Math.sin(2 * phase) + 0.01 * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    /** Moderate white noise plus a low hum. */
    static float[] background(int rate, double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[(int) (seconds * rate)];
        double humHz = 80 + random.nextDouble() * 100;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (0.08 * (2 * random.nextDouble() - 1) + 0.05 * Math.sin(2 * Math.PI * humHz * i / rate));
        }
        return out;
    }

    @BeforeAll
    static void train_a_small_model_and_start() {
        FeatureConfig features = FeatureConfig.analysis();
        WindowConfig window = new WindowConfig(1.0, 0.5);
        WindowFeatureExtractor extractor = new WindowFeatureExtractor(features, window);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (float[] row : extractor.windows(scream(TRAIN_RATE, 3.0, 900 + 150 * i, i))) {
                rows.add(row);
                labels.add(1);
            }
            for (float[] row : extractor.windows(background(TRAIN_RATE, 3.0, 100 + i))) {
                rows.add(row);
                labels.add(0);
            }
        }
        FeatureSchema schema = FeatureSchema.current();
        ModelMetadata metadata = new ModelMetadata("server-test", schema.version(), schema.names(), features, window,
                new DetectorSettings(0.01, 2, 3), 0.5, 5, ForestParams.defaults(30, 5), Map.of("data", "synthetic"));
        model = ScreamModel.train(rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(),
                ForestParams.defaults(30, 5), metadata);
        scoring = new CoreScoring(model, DetectorConfig.fromModel(metadata), DecodeLimits.DEFAULT);
        server = AppHarness.start(dataDir, Map.of(Setting.STREAM_QUEUE_SECONDS, "60"), scoring, OfflineIpLocator.empty());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** 12 s at the given rate: background with a scream from 4 to 6.5 s. */
    static float[] recording(int rate) {
        float[] out = background(rate, 12.0, 999);
        float[] s = scream(rate, 2.5, 1300, 77);
        System.arraycopy(s, 0, out, 4 * rate, s.length);
        return out;
    }

    @Test
    void a_scream_upload_is_a_scream_and_a_background_upload_is_not() throws Exception {
        HttpResponse<String> screamResponse = server.upload("scream.wav", TestAudio.wav(recording(TRAIN_RATE), TRAIN_RATE));
        HttpResponse<String> quietResponse = server.upload("room.wav",
                TestAudio.wav(background(TRAIN_RATE, 6.0, 4242), TRAIN_RATE));

        assertEquals(200, screamResponse.statusCode(), screamResponse.body());
        JsonNode scream = AppHarness.json(screamResponse);
        assertEquals("scream", scream.get("verdict").asText(), screamResponse.body());
        assertEquals("server-test", scream.get("model_version").asText());
        assertEquals(1, scream.get("incidents").size(), screamResponse.body());
        assertEquals(12.0, scream.get("duration_s").asDouble(), 1e-6);
        assertEquals(200, quietResponse.statusCode(), quietResponse.body());
        assertEquals("no_scream", AppHarness.json(quietResponse).get("verdict").asText(), quietResponse.body());

        JsonNode event = AppHarness.json(server.get("/api/events/" + scream.get("event_id").asText()));
        assertEquals(FeatureSchema.current().size(), event.get("features").get("values").size());
        assertEquals(FeatureSchema.current().names().get(0), event.get("features").get("names").get(0).asText());
    }

    @Test
    void garbage_is_415_and_a_truncated_wav_is_422_with_the_real_decoder() throws Exception {
        HttpResponse<String> garbage = server.upload("x.bin", "definitely not audio at all, just words".getBytes());
        byte[] wav = TestAudio.wav(recording(TRAIN_RATE), TRAIN_RATE);
        HttpResponse<String> truncated = server.upload("cut.wav", java.util.Arrays.copyOf(wav, 30));

        assertEquals(415, garbage.statusCode(), garbage.body());
        assertEquals(422, truncated.statusCode(), truncated.body());
    }

    @Test
    void a_48k_s16le_stream_in_random_chunks_gives_the_hops_and_the_same_incident_as_the_clip_analyzer() throws Exception {
        float[] signal = recording(STREAM_RATE);
        byte[] wav = TestAudio.wav(signal, STREAM_RATE);
        ClipAnalysis clip = new ClipAnalyzer(model, DetectorConfig.fromModel(model.metadata()))
                .analyze(new AudioDecoder(DecodeLimits.DEFAULT).decode(wav));

        WsClient ws = server.stream("/api/stream");
        ws.text("{\"sampleRate\":48000,\"encoding\":\"s16le\",\"channels\":1}");
        StreamApiTest.sendInRandomChunks(ws, TestAudio.wavPayload(wav), 2024);
        StreamApiTest.await(() -> ws.ofType("hop").size() >= clip.timeline().size() - 1, "the hop messages");
        ws.close();
        StreamApiTest.await(() -> ws.incidents("ended").size() == clip.incidents().size(), "the incidents");

        assertEquals(1, clip.incidents().size());
        Incident expected = clip.incidents().get(0);
        JsonNode live = ws.incidents("ended").get(0);
        assertEquals(expected.startSeconds(), live.get("start_s").asDouble(), 1e-6);
        assertEquals(expected.endSeconds(), live.get("end_s").asDouble(), 1e-6);
        assertEquals(expected.peakProbability(), live.get("peak").asDouble(), 1e-6);
        assertEquals(1, ws.incidents("started").size());
        JsonNode firstHop = ws.ofType("hop").get(0);
        assertEquals(1.0, firstHop.get("t").asDouble(), 1e-9, "the first window ends after 1 s of audio");
        assertFalse(firstHop.get("state").asText().isEmpty());
        assertTrue(ws.ofType("hop").stream().anyMatch(h -> "incident".equals(h.get("state").asText())));
        String eventId = live.get("event_id").asText();
        StreamApiTest.await(() -> StreamApiTest.statusOn(server, "/api/events/" + eventId) == 200, "the incident event");
        JsonNode event = AppHarness.json(server.get("/api/events/" + eventId));
        assertEquals(FeatureSchema.current().size(), event.get("features").get("values").size(),
                "the incident's peak window features are logged");
        assertEquals(expected.peakProbability(), event.get("scream_probability").asDouble(), 1e-6);
    }
}
