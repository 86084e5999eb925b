package io.screamguard.training.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code detect} in-process with a small model trained on synthetic data: a high, loud, wavering
 * tone is a "scream", noise and low hums are not.
 */
class DetectCommandTest {

    private static final int RATE_HZ = 16_000;

    @TempDir
    static Path dir;

    private static Path modelDir;

    /** A loud wavering tone around {@code frequencyHz} ("scream"). */
    static float[] scream(double seconds, double frequencyHz, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[(int) (seconds * RATE_HZ)];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double f = frequencyHz * (1 + 0.05 * Math.sin(2 * Math.PI * 5 * i / RATE_HZ));
            phase += 2 * Math.PI * f / RATE_HZ;
            out[i] = (float) (0.5 * Math.sin(phase) + 0.2 * Math.sin(2 * phase) + 0.01 * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    /** Moderate white noise plus a low hum ("non-scream"). */
    static float[] background(double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[(int) (seconds * RATE_HZ)];
        double humHz = 80 + random.nextDouble() * 100;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (0.08 * (2 * random.nextDouble() - 1) + 0.05 * Math.sin(2 * Math.PI * humHz * i / RATE_HZ));
        }
        return out;
    }

    @BeforeAll
    static void train_a_small_model() throws Exception {
        FeatureConfig features = FeatureConfig.analysis();
        WindowConfig window = new WindowConfig(1.0, 0.5);
        WindowFeatureExtractor extractor = new WindowFeatureExtractor(features, window);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (float[] row : extractor.windows(scream(3.0, 900 + 150 * i, i))) {
                rows.add(row);
                labels.add(1);
            }
            for (float[] row : extractor.windows(background(3.0, 100 + i))) {
                rows.add(row);
                labels.add(0);
            }
        }
        FeatureSchema schema = FeatureSchema.current();
        var metadata = new ModelMetadata("detect-test", schema.version(), schema.names(), features, window,
                new DetectorSettings(0.01, 2, 3), 0.5, 5, ForestParams.defaults(30, 5), Map.of("data", "synthetic"));
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        var model = ScreamModel.train(rows.toArray(float[][]::new), y, ForestParams.defaults(30, 5), metadata);
        modelDir = dir.resolve("model");
        model.save(modelDir);
    }

    /** 30 s of background with screams at 8-10 s and 20-21.5 s, as a 48 kHz WAV (resampled by the decoder path). */
    private static Path recording() throws Exception {
        float[] out = background(30.0, 999);
        float[] first = scream(2.0, 1200, 77);
        float[] second = scream(1.5, 1500, 78);
        System.arraycopy(first, 0, out, 8 * RATE_HZ, first.length);
        System.arraycopy(second, 0, out, 20 * RATE_HZ, second.length);
        Path wav = dir.resolve("long.wav");
        Files.write(wav, wav16(out, RATE_HZ));
        return wav;
    }

    private static String[] run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = new CommandLine(new DetectCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void prints_the_incidents_of_a_long_recording_as_json() throws Exception {
        Path wav = recording();

        String[] result = run("--model", modelDir.toString(), wav.toString(), "--json");

        assertEquals("0", result[0], result[2]);
        JsonNode json = new ObjectMapper().readTree(result[1]);
        assertEquals(List.of("duration_s", "incidents"), fieldNames(json));
        assertEquals(30.0, json.get("duration_s").asDouble(), 1e-9);
        JsonNode incidents = json.get("incidents");
        assertEquals(2, incidents.size(), result[1]);
        assertEquals(List.of("start_s", "end_s", "peak"), fieldNames(incidents.get(0)));
        // a window hears a scream from 1 s before its start to 1 s after its end
        assertEquals(7.0, incidents.get(0).get("start_s").asDouble(), 1.01, result[1]);
        assertEquals(11.0, incidents.get(0).get("end_s").asDouble(), 1.01, result[1]);
        assertEquals(19.0, incidents.get(1).get("start_s").asDouble(), 1.01, result[1]);
        assertEquals(22.5, incidents.get(1).get("end_s").asDouble(), 1.01, result[1]);
        assertTrue(incidents.get(0).get("peak").asDouble() >= 0.5, result[1]);
    }

    @Test
    void prints_a_readable_summary_without_json_and_times_the_analysis_on_request() throws Exception {
        Path wav = recording();

        String[] result = run("--model", modelDir.toString(), wav.toString(), "--repeat", "5");

        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("incident 0:0"), result[1]);
        assertTrue(result[2].contains("decode+analyze wall p50") && result[2].contains("CPU p50"), result[2]);
    }

    @Test
    void a_higher_threshold_finds_no_incident_in_background_noise() throws Exception {
        Path wav = dir.resolve("background.wav");
        Files.write(wav, wav16(background(6.0, 4242), RATE_HZ));

        String[] result = run("--model", modelDir.toString(), wav.toString(), "--json", "--threshold", "0.9");

        assertEquals("0", result[0], result[2]);
        assertEquals(0, new ObjectMapper().readTree(result[1]).get("incidents").size(), result[1]);
    }

    @Test
    void a_missing_model_or_a_corrupt_file_exits_with_2_and_a_message() throws Exception {
        Path junk = dir.resolve("junk.wav");
        Files.write(junk, "RIFF....WAVEjunk".getBytes(StandardCharsets.US_ASCII));

        String[] noModel = run("--model", dir.resolve("absent").toString(), junk.toString());
        String[] corrupt = run("--model", modelDir.toString(), junk.toString());

        assertEquals("2", noModel[0]);
        assertTrue(noModel[2].contains("absent"), noModel[2]);
        assertEquals("2", corrupt[0]);
        assertTrue(corrupt[2].contains("junk.wav"), corrupt[2]);
    }

    @Test
    void a_streamed_wav_gives_exactly_the_incidents_of_the_same_wav_decoded_whole() throws Exception {
        Path wav = recording();

        String[] whole = run("--model", modelDir.toString(), wav.toString(), "--json");
        String[] streamed = run("--model", modelDir.toString(), wav.toString(), "--json", "--stream-above-bytes", "0");

        assertEquals("0", streamed[0], streamed[2]);
        assertEquals(whole[1], streamed[1]);
        assertEquals(2, new ObjectMapper().readTree(streamed[1]).get("incidents").size(), streamed[1]);
    }

    @Test
    void a_recording_longer_than_the_old_sample_cap_is_streamed_in_constant_memory() throws Exception {
        // 25 minutes at 16 kHz (48 MB, above the 32 MiB at which detect streams); the old path held
        // the whole recording and more (23 minutes took 1.4 GB), this one a 1 MiB chunk at a time
        int minutes = 25;
        Path wav = dir.resolve("long-25min.wav");
        try (var outFile = new java.io.BufferedOutputStream(Files.newOutputStream(wav), 1 << 20)) {
            long samples = (long) minutes * 60 * RATE_HZ;
            outFile.write(java.util.Arrays.copyOf(wav16(new float[0], RATE_HZ), 44));
            for (int minute = 0; minute < minutes; minute++) {
                float[] audio = background(60.0, 5000 + minute);
                if (minute == 10) {
                    float[] shout = scream(2.0, 1300, 91);
                    System.arraycopy(shout, 0, audio, 30 * RATE_HZ, shout.length);
                }
                byte[] pcm = wav16(audio, RATE_HZ);
                outFile.write(pcm, 44, pcm.length - 44);
            }
            outFile.flush();
            // patch the sizes now that the data length is known
            try (var patch = new java.io.RandomAccessFile(wav.toFile(), "rw")) {
                patch.seek(4);
                patch.write(le32((int) (36 + samples * 2)));
                patch.seek(40);
                patch.write(le32((int) (samples * 2)));
            }
        }

        String[] result = run("--model", modelDir.toString(), wav.toString(), "--json");

        assertEquals("0", result[0], result[2]);
        JsonNode json = new ObjectMapper().readTree(result[1]);
        assertEquals(minutes * 60.0, json.get("duration_s").asDouble(), 1e-6);
        assertEquals(1, json.get("incidents").size(), result[1]);
        assertEquals(10 * 60 + 30 - 1, json.get("incidents").get(0).get("start_s").asDouble(), 1.01, result[1]);
    }

    @Test
    void a_large_compressed_recording_is_streamed_through_ffmpeg() throws Exception {
        boolean ffmpeg = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "ffmpeg")));
        if (!ffmpeg) {
            org.junit.jupiter.api.Assertions.assertNotEquals("true", System.getenv("CI"),
                    "ffmpeg is required under CI=true (apt-get install ffmpeg)");
            org.junit.jupiter.api.Assumptions.abort("ffmpeg is not installed (apt-get install ffmpeg): skipped");
        }
        Path wav = recording();
        Path flac = dir.resolve("long.flac");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", wav.toString(), flac.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        String[] whole = run("--model", modelDir.toString(), flac.toString(), "--json");
        String[] streamed = run("--model", modelDir.toString(), flac.toString(), "--json", "--stream-above-bytes", "0");

        assertEquals("0", streamed[0], streamed[2]);
        // FLAC is lossless and ffmpeg is asked for 16 kHz mono s16le, the recording's own format
        assertEquals(whole[1], streamed[1]);
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    @Test
    void without_a_model_option_it_uses_the_shipped_model() throws Exception {
        Path wav = dir.resolve("background-shipped.wav");
        Files.write(wav, wav16(background(4.0, 31), RATE_HZ));

        String[] result = run(wav.toString(), "--json");
        String[] text = run(wav.toString());

        assertEquals("0", result[0], result[2]);
        assertEquals(4.0, new ObjectMapper().readTree(result[1]).get("duration_s").asDouble(), 1e-9);
        double shipped = ScreamModel.load(Path.of("..", "server", "src", "main", "resources", "model"))
                .metadata().recommendedThreshold();
        assertTrue(text[1].contains(String.format(java.util.Locale.ROOT, "threshold %.2f", shipped)), text[1]);
    }

    @Test
    void formats_times_as_minutes_and_seconds() {
        assertEquals("0:07.25", DetectCommand.clock(7.25));
        assertEquals("2:03.50", DetectCommand.clock(123.5));
        assertEquals("1:00:01.00", DetectCommand.clock(3601));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A 16-bit mono PCM WAV file. */
    static byte[] wav16(float[] samples, int rateHz) {
        var buffer = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rateHz).putInt(rateHz * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(samples.length * 2);
        for (float sample : samples) {
            buffer.putShort((short) Math.round(Math.max(-1f, Math.min(1f, sample)) * 32767));
        }
        return buffer.array();
    }
}
