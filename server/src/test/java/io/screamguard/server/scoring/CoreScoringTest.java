package io.screamguard.server.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.PcmEncoding;
import io.screamguard.core.audio.PcmFrameDecoder;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.server.support.OnePiece;
import io.screamguard.server.support.TestAudio;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoreScoringTest {
    static ModelMetadata metadata() {
        FeatureSchema schema = FeatureSchema.current();
        return new ModelMetadata("m", schema.version(), schema.names(), FeatureConfig.analysis(), new WindowConfig(1.0, 0.5),
                new DetectorSettings(0.005, 2, 4), 0.6, 1, ForestParams.defaults(10, 1), Map.of());
    }

    @Test
    void without_overrides_the_detector_uses_the_models_recommendations() {
        DetectorConfig c = CoreScoring.detectorConfig(metadata(), null, null, null, null);

        assertEquals(new DetectorConfig(0.6, 2, 4, 0.005), c);
    }

    @Test
    void configured_values_override_the_model() {
        DetectorConfig c = CoreScoring.detectorConfig(metadata(), 0.8, 3, null, 0.02);

        assertEquals(new DetectorConfig(0.8, 3, 4, 0.02), c);
    }

    @Test
    void a_k_above_the_models_n_is_refused_naming_both_settings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoreScoring.detectorConfig(metadata(), null, 5, null, null));

        assertTrue(e.getMessage().contains("DEBOUNCE_K=5") && e.getMessage().contains("DEBOUNCE_N=4"), e.getMessage());
    }

    @Test
    void every_decoder_failure_kind_has_a_rejection_reason() {
        for (AudioDecodeException.Kind kind : AudioDecodeException.Kind.values()) {
            assertEquals(kind.name(), CoreScoring.reason(kind).name());
        }
    }

    @Test
    void a_stream_and_an_upload_compute_and_report_only_the_features_the_model_reads_with_the_offline_values() throws Exception {
        // given a model that reads every feature but the chroma and the spectral contrast
        FeatureSchema schema = FeatureSchema.current();
        List<String> read = schema.names().stream()
                .filter(n -> !n.startsWith("chroma_") && !n.startsWith("contrast")).toList();
        WindowConfig window = new WindowConfig(1.0, 0.5);
        ModelMetadata metadata = new ModelMetadata("subset", schema.version(), schema.names(), read,
                FeatureConfig.analysis(), window, new DetectorSettings(0.001, 2, 3), 0.5, 1,
                ForestParams.defaults(10, 1), Map.of());
        WindowFeatureExtractor offline = new WindowFeatureExtractor(FeatureConfig.analysis(), window);
        float[] recording = tonesAndNoise(16_000, 6.0);
        byte[] pcm = TestAudio.s16le(recording);
        float[] signal = new PcmFrameDecoder(PcmEncoding.S16LE, 1).decode(pcm, 0, pcm.length); // what the stream hears
        float[][] windows = offline.windows(signal).toArray(float[][]::new);
        int[] labels = new int[windows.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        ScreamModel model = ScreamModel.train(windows, labels, ForestParams.defaults(10, 1), metadata);
        CoreScoring scoring = new CoreScoring(model, DetectorConfig.fromModel(metadata), DecodeLimits.DEFAULT);

        // when the recording is streamed as 16 kHz 16-bit PCM
        List<HopScore> hops = OnePiece.hops(scoring, pcm);

        // then the model says which values a live event logs, and each hop carries exactly those, as computed offline
        assertEquals(read, scoring.model().featuresRead());
        assertEquals(schema.names(), scoring.model().featureNames());
        int[] indices = metadata.modelFeatureIndices();
        assertEquals(windows.length, hops.size());
        for (int j = 0; j < hops.size(); j++) {
            float[] expected = new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                expected[i] = windows[j][indices[i]];
            }
            assertTrue(Arrays.equals(expected, hops.get(j).features()), "hop " + j + " logs the offline values it read");
        }

        // and an upload of the same recording (the same PCM in a WAV) logs the peak window's values of those features only
        ClipScore clip = scoring.scoreClip(TestAudio.wav(recording, 16_000));
        assertEquals(indices.length, clip.peakFeatures().length);
        assertTrue(hops.stream().anyMatch(h -> h.probability() == clip.peakProbability()
                        && Arrays.equals(h.features(), clip.peakFeatures())),
                "the upload's peak features are the read values of its peak window");
    }

    /** Tones that change every half second over a little noise. */
    static float[] tonesAndNoise(int rate, double seconds) {
        SplittableRandom random = new SplittableRandom(7);
        float[] out = new float[(int) (rate * seconds)];
        for (int i = 0; i < out.length; i++) {
            double f = 300 + 200 * (i / (rate / 2));
            out[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / rate) + 0.02 * (2 * random.nextDouble() - 1));
        }
        return out;
    }
}
