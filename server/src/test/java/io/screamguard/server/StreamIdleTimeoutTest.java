package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle sockets do not hold stream slots: no hello, or no audio, in time closes them (issue 11, item 1). */
class StreamIdleTimeoutTest {
    static final String HELLO = "{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}";

    @TempDir
    Path dataDir;

    @Test
    void three_idle_sockets_at_max_streams_3_are_closed_with_a_reason_and_a_real_stream_is_then_accepted() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.MAX_STREAMS, "3",
                Setting.STREAM_HELLO_TIMEOUT_SECONDS, "1", Setting.STREAM_IDLE_TIMEOUT_SECONDS, "1.5"))) {
            // given three idle sockets: one never says hello, one only says hello, one stops after some audio
            WsClient silent = server.stream("/api/stream");
            WsClient helloOnly = server.stream("/api/stream");
            helloOnly.text(HELLO);
            WsClient stalled = server.stream("/api/stream");
            stalled.text(HELLO);
            stalled.binary(TestAudio.s16le(TestAudio.noise(16000, 0.5, 0.05, 1)));
            StreamApiTest.await(() -> stalled.ofType("hop").size() == 1, "the stalled stream's only hop");

            // when the timeouts pass, then each is closed with 1008 and a reason naming its setting
            assertEquals(1008, silent.awaitCloseCode(30));
            assertTrue(silent.closeReason.contains("STREAM_HELLO_TIMEOUT_SECONDS"), silent.closeReason);
            assertEquals(1008, helloOnly.awaitCloseCode(30));
            assertTrue(helloOnly.closeReason.contains("STREAM_IDLE_TIMEOUT_SECONDS"), helloOnly.closeReason);
            assertEquals(1008, stalled.awaitCloseCode(30));
            assertTrue(stalled.closeReason.contains("no audio"), stalled.closeReason);

            // and a real stream gets a slot and its hops
            StreamApiTest.await(() -> server.app.registry().get("screamguard_active_streams").gauge().value() == 0,
                    "the idle streams to free their slots");
            WsClient real = server.stream("/api/stream");
            real.text(HELLO);
            real.binary(TestAudio.s16le(TestAudio.noise(16000, 1.0, 0.05, 2)));
            StreamApiTest.await(() -> real.ofType("hop").size() == 3, "the real stream's three hops");
            assertEquals(3.0, server.app.registry().get("screamguard_streams_closed_idle").counter().count(), 1e-9);
            real.close();
        }
    }

    @Test
    void a_stream_sending_audio_more_often_than_the_idle_timeout_stays_open_past_it() throws Exception {
        try (AppHarness server = AppHarness.start(dataDir, Map.of(Setting.STREAM_IDLE_TIMEOUT_SECONDS, "2"))) {
            WsClient ws = server.stream("/api/stream");
            ws.text(HELLO);
            byte[] tenth = TestAudio.s16le(TestAudio.noise(16000, 0.1, 0.05, 3));
            // 1 s of audio in 0.1 s messages spread over 3 s: longer than the timeout, never 2 s without audio
            for (int i = 0; i < 10; i++) {
                ws.binary(tenth);
                Thread.sleep(300);
            }
            StreamApiTest.await(() -> ws.ofType("hop").size() == 3, "the 3 hops of 1 s");

            assertTrue(!ws.closed.isDone(), "the stream is still open, closed with: " + ws.closeReason);
            ws.close();
        }
    }
}
