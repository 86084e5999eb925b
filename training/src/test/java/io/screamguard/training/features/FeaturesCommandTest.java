package io.screamguard.training.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.FrameFeatureExtractor;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.training.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeaturesCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static float[] sine(double hz, int sampleRate, double seconds) {
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return s;
    }

    /** A 16-bit mono PCM WAV; returns the samples as the decoder will see them (int16 / 32768). */
    static float[] writeWav(Path path, float[] samples, int sampleRate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(2 * sampleRate).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples.length);
        float[] quantised = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            short q = (short) Math.round(samples[i] * 32767);
            b.putShort(q);
            quantised[i] = q / 32768f;
        }
        Files.createDirectories(path.getParent());
        Files.write(path, b.array());
        return quantised;
    }

    @Test
    void frames_json_holds_every_golden_array_with_the_extractors_values() throws IOException {
        Path wav = tmp.resolve("a440.wav");
        float[] samples = writeWav(wav, sine(440, 22050, 1.0), 22050);

        Run run = run("features", "--frames", "--sample-rate", "22050", "--json", wav.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(22050, root.get("sample_rate").asInt());
        JsonNode features = root.get("features");
        List<String> names = new ArrayList<>();
        features.fieldNames().forEachRemaining(names::add);
        assertEquals(FrameFeatureExtractor.NAMES, names);
        Map<String, double[][]> expected = new FrameFeatureExtractor(FeatureConfig.librosa(22050)).extract(samples);
        for (String name : names) {
            double[][] want = expected.get(name);
            JsonNode got = features.get(name);
            assertEquals(want.length, got.size(), name + " rows");
            for (int r = 0; r < want.length; r++) {
                double[] row = new double[got.get(r).size()];
                for (int t = 0; t < row.length; t++) {
                    row[t] = got.get(r).get(t).asDouble();
                }
                assertArrayEquals(want[r], row, 0.0, name + " row " + r);
            }
        }
        assertEquals(1 + 22050 / 512, features.get("rms").get(0).size(), "centred frames");
    }

    @Test
    void frames_resamples_to_the_requested_rate() throws IOException {
        Path wav = tmp.resolve("a440_16k.wav");
        writeWav(wav, sine(440, 16000, 1.0), 16000);

        Run run = run("features", "--frames", "--sample-rate", "22050", "--json", wav.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(1 + 22050 / 512, root.get("features").get("zcr").get(0).size());
    }

    @Test
    void dir_writes_one_summary_row_per_clip_and_skips_unreadable_files() throws IOException {
        writeWav(tmp.resolve("data/scream/one.wav"), sine(880, 22050, 1.5), 22050);
        writeWav(tmp.resolve("data/non_scream/sub/two.wav"), sine(220, 48000, 2.0), 48000);
        Files.write(tmp.resolve("data/non_scream/broken.wav"), "RIFF....WAVEjunk".getBytes());
        Files.writeString(tmp.resolve("data/manifest.csv"), "not audio");
        Path csv = tmp.resolve("out.csv");

        Run run = run("features", "--dir", tmp.resolve("data").toString(), "--out", csv.toString(), "--threads", "2");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(csv);
        FeatureSchema schema = FeatureSchema.current();
        assertEquals("path," + String.join(",", schema.names()), lines.get(0));
        assertEquals(3, lines.size(), "header and two clips");
        assertTrue(lines.get(1).startsWith("non_scream/sub/two.wav,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("scream/one.wav,"), lines.get(2));
        assertEquals(schema.size() + 1, lines.get(2).split(",").length);
        assertTrue(run.err().contains("skipped") && run.err().contains("broken.wav"), run.err());
        assertTrue(run.err().contains("2 clips, 3.5 audio seconds"), run.err());
        assertTrue(!run.err().contains("manifest.csv"), "non-audio files are not tried");
    }

    @Test
    void dir_without_out_prints_the_csv_on_stdout() throws IOException {
        writeWav(tmp.resolve("d/x.wav"), sine(500, 16000, 1.0), 16000);

        Run run = run("features", "--dir", tmp.resolve("d").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("path,mfcc1_mean,"), run.out());
        assertTrue(run.out().contains("\nx.wav,"), run.out());
    }

    @Test
    void asking_for_neither_frames_nor_dir_is_a_usage_error() {
        Run run = run("features");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--frames FILE or --dir DIR"), run.err());
    }

    @Test
    void an_undecodable_frames_file_fails_with_a_message() throws IOException {
        Path junk = tmp.resolve("junk.wav");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});

        Run run = run("features", "--frames", "--json", junk.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cannot decode"), run.err());
    }
}
