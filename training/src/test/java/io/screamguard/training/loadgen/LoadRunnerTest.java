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
        // each stream sends about 3 s minus its ramp offset: 3 or 4 hops each
        assertTrue(report.hopsExpected() >= 4 * 3 - 2, report.toText());
        assertEquals(report.hopsExpected(), report.hopsReceived(), report.toText());
        assertEquals(report.hopsReceived(), report.latency().count(), report.toText());
        assertEquals(0, report.hopsForUnsentAudio());
        assertTrue(report.latency().p99Ms() < 500, "loopback hops arrive quickly: " + report.toText());
        assertTrue(report.audioSecondsSent() > 4 * 2.5 && report.audioSecondsSent() <= 4 * 3.0, report.toText());
        assertTrue(report.serverRssMaxBytes() > 0 && !Double.isNaN(report.serverCpuPercent()), report.toText());
        assertEquals(0, report.droppedInMessages());
    }
}
