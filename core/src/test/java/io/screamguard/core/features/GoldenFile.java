package io.screamguard.core.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.DecodedAudio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One librosa reference file from {@code golden/features}: its settings and arrays. */
record GoldenFile(String name, int inputSampleRate, int analysisSampleRate, int samplesAfterLoad,
                  Map<String, double[][]> features) {

    static final String[] NAMES = {"chirp200-4000_2s", "chirp_44100_to_22050", "clipped_square_1s",
        "mixed_speech_noise", "scream_like_16000_to_22050", "scream_like_2s", "short_100ms", "silence_1s",
        "sine440_1s", "speech_help_me", "white_noise_1500ms"};

    static GoldenFile load(String name) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/features/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, double[][]> features = new LinkedHashMap<>();
            root.get("features").fields().forEachRemaining(e -> features.put(e.getKey(), toMatrix(e.getValue())));
            return new GoldenFile(name, root.get("input_sample_rate").asInt(), root.get("analysis_sample_rate").asInt(),
                    root.get("samples_after_load").asInt(), features);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the golden WAV decoded by the project's own {@link AudioDecoder} */
    DecodedAudio audio() {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/audio/" + name + ".wav")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden audio " + name);
            }
            return new AudioDecoder(DecodeLimits.DEFAULT).decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (AudioDecodeException e) {
            throw new IllegalStateException("golden audio " + name + " does not decode: " + e.getMessage(), e);
        }
    }

    boolean resampled() {
        return inputSampleRate != analysisSampleRate;
    }

    private static double[][] toMatrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int r = 0; r < node.size(); r++) {
            JsonNode row = node.get(r);
            m[r] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                m[r][c] = row.get(c).isNull() ? Double.NaN : row.get(c).asDouble();
            }
        }
        return m;
    }
}
