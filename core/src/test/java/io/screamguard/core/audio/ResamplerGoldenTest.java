package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.core.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the two golden inputs that librosa resampled with soxr, our resampler gives the same number of
 * samples and frame RMS values whose mean is within 0.1 % (the full feature comparison lives with the
 * feature extractor's golden tests).
 */
class ResamplerGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"chirp_44100_to_22050", "scream_like_16000_to_22050"})
    void matches_librosa_length_and_frame_rms_on_the_resampled_golden_files(String name) throws Exception {
        Path golden = SharedData.assumeGolden();
        JsonNode reference = new ObjectMapper().readTree(golden.resolve("features").resolve(name + ".json").toFile());
        DecodedAudio input = new AudioDecoder(DecodeLimits.DEFAULT, null).decode(golden.resolve("audio").resolve(name + ".wav"));

        float[] y = Resampler.resample(input.samples(), input.sampleRate(), 22050);

        assertEquals(reference.get("input_sample_rate").asInt(), input.sampleRate());
        assertEquals(reference.get("samples_after_load").asInt(), y.length);
        JsonNode rmsFrames = reference.get("features").get("rms").get(0);
        double expectedMean = 0;
        for (JsonNode v : rmsFrames) {
            expectedMean += v.asDouble() / rmsFrames.size();
        }
        double[] ours = frameRms(y, 2048, 512);
        assertEquals(rmsFrames.size(), ours.length);
        double oursMean = 0;
        for (double v : ours) {
            oursMean += v / ours.length;
        }
        assertEquals(expectedMean, oursMean, expectedMean * 1e-3);
    }

    /** librosa.feature.rms with center=True and zero padding. */
    private static double[] frameRms(float[] y, int frameLength, int hopLength) {
        int pad = frameLength / 2;
        int frames = 1 + (y.length + 2 * pad - frameLength) / hopLength;
        double[] out = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = 0; i < frameLength; i++) {
                int at = f * hopLength + i - pad;
                double v = at >= 0 && at < y.length ? y[at] : 0;
                sum += v * v;
            }
            out[f] = Math.sqrt(sum / frameLength);
        }
        return out;
    }
}
