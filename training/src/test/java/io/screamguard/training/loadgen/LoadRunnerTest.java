package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the load generator against a tiny fake of /api/stream that answers a hop per 0.5 s of audio. */
class LoadRunnerTest {

    private static final double WINDOW_SECONDS = 1.0;
    private static final double HOP_SECONDS = 0.5;

    /** Samples received and the next window end, per socket. */
    private static final class FakeStream {
        int sampleRateHz;
        long samples;
        long nextEndSample;
    }

    private final Map<String, FakeStream> streams = new ConcurrentHashMap<>();
    private Javalin server;

    @BeforeEach
    void start_a_fake_stream_server() {
        server = Javalin.create(cfg -> cfg.routes.ws("/api/stream", ws -> {
            ws.onMessage(ctx -> {
                var stream = new FakeStream();
                var hello = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ctx.message());
                stream.sampleRateHz = hello.get("sampleRate").asInt();
                stream.nextEndSample = Math.round(WINDOW_SECONDS * stream.sampleRateHz);
                streams.put(ctx.sessionId(), stream);
                ctx.send("{\"type\":\"ready\",\"hop_s\":" + HOP_SECONDS + ",\"window_s\":" + WINDOW_SECONDS + "}");
            });
            ws.onBinaryMessage(ctx -> {
                var stream = streams.get(ctx.sessionId());
                stream.samples += ctx.data().remaining() / 2;
                while (stream.samples >= stream.nextEndSample) {
                    double t = stream.nextEndSample / (double) stream.sampleRateHz;
                    ctx.send("{\"t\":" + t + ",\"probability\":0.1,\"rms\":0.05,\"state\":\"below\",\"dropped\":0}");
                    stream.nextEndSample += Math.round(HOP_SECONDS * stream.sampleRateHz);
                }
            });
        })).start(0);
    }

    @AfterEach
    void stop_the_server() {
        server.stop();
    }

    @Test
    void the_command_streams_a_wav_file_and_prints_a_json_report(@TempDir java.nio.file.Path dir) throws Exception {
        float[] tone = new float[22_050 * 2];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 22_050.0));
        }
        var wav = dir.resolve("tone.wav");
        java.nio.file.Files.write(wav, wav16(tone, 22_050));
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var cli = new CommandLine(new LoadgenCommand());
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));

        int exit = cli.execute("--url", "ws://localhost:" + server.port() + "/api/stream", "--streams", "3",
                "--duration", "2.5", "--ramp-seconds", "0.2", "--files", dir.toString(), "--json");

        assertEquals(0, exit, err.toString());
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertEquals(3, report.get("streams_opened").asInt(), out.toString());
        assertTrue(report.get("hops_received").asLong() >= 3, out.toString());
        assertEquals(report.get("hops_expected").asLong(), report.get("hops_received").asLong(), out.toString());
        assertTrue(report.get("latency_ms").get("p99").asDouble() < 2000, out.toString());
        assertTrue(report.get("server_cpu_percent").isNull(), "no --server-pid, no server figures");
    }

    @Test
    void the_command_refuses_a_remote_host() {
        var err = new java.io.StringWriter();
        var cli = new CommandLine(new LoadgenCommand());
        cli.setErr(new java.io.PrintWriter(err));

        int exit = cli.execute("--url", "ws://192.0.2.1:8080/api/stream", "--files", "nowhere.wav");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("192.0.2.1"), err.toString());
    }

    /** A 16-bit mono PCM WAV file. */
    private static byte[] wav16(float[] samples, int rateHz) {
        var buffer = java.nio.ByteBuffer.allocate(44 + samples.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rateHz).putInt(rateHz * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(samples.length * 2);
        for (float sample : samples) {
            buffer.putShort((short) Math.round(sample * 32767));
        }
        return buffer.array();
    }

    @Test
    void streams_at_real_time_pace_and_times_every_hop_message() throws Exception {
        var plan = new LoadPlan(URI.create("ws://127.0.0.1:" + server.port() + "/api/stream"), 4, 3.0, 0.3, 20,
                16_000, ProcessHandle.current().pid(), 7);
        float[] tone = new float[16_000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        var progress = new ByteArrayOutputStream();

        var report = new LoadRunner(plan, new PcmSource(PcmSource.toS16le(tone), 16_000),
                new PrintStream(progress, true, StandardCharsets.UTF_8), Double.NaN, Double.NaN).run();

        assertEquals(4, report.streamsOpened(), report.toText());
        assertEquals(0, report.streamsFailed(), report.toText());
        assertEquals(WINDOW_SECONDS, report.windowSeconds(), 1e-9);
        assertEquals(HOP_SECONDS, report.hopSeconds(), 1e-9);
        // each stream sends up to 3 s minus its ramp offset and connect time: up to 4 hops each
        assertTrue(report.hopsExpected() >= 4 && report.hopsExpected() <= 4 * 4, report.toText());
        assertEquals(report.hopsExpected(), report.hopsReceived(), report.toText());
        assertEquals(report.hopsReceived(), report.latency().count(), report.toText());
        assertEquals(0, report.hopsForUnsentAudio());
        assertTrue(report.latency().p99Ms() < 2000, "loopback hops arrive quickly: " + report.toText());
        assertTrue(report.audioSecondsSent() > 4 * 1.0 && report.audioSecondsSent() <= 4 * 3.0, report.toText());
        assertTrue(report.serverRssMaxBytes() > 0 && !Double.isNaN(report.serverCpuPercent()), report.toText());
        assertEquals(0, report.droppedInMessages());
    }

    @Test
    void every_timeline_point_reports_the_load_generator_s_own_cpu() throws Exception {
        var plan = new LoadPlan(URI.create("ws://127.0.0.1:" + server.port() + "/api/stream"), 2, 2.5, 0.1, 20,
                16_000, 0, 7);
        float[] tone = new float[16_000];
        var progress = new ByteArrayOutputStream();
        var runner = new LoadRunner(plan, new PcmSource(PcmSource.toS16le(tone), 16_000),
                new PrintStream(progress, true, StandardCharsets.UTF_8), Double.NaN, Double.NaN).sampleEvery(0.5);

        runner.run();

        var points = runner.timeline().points();
        assertTrue(points.size() >= 2, progress.toString(StandardCharsets.UTF_8));
        for (Timeline.Point p : points) {
            assertTrue(p.loadgenCpuPercent() >= 0 && p.loadgenCpuPercent() < 100.0 * Runtime.getRuntime().availableProcessors() + 1,
                    "own CPU " + p.loadgenCpuPercent());
            assertTrue(p.toText().contains("loadgen CPU "), p.toText());
            assertTrue(p.toMap().containsKey("loadgen_cpu_percent"), p.toMap().toString());
        }
    }
}
