package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.RawHttp;
import io.screamguard.server.support.TestAudio;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Upload bodies as they arrive on the wire: slow or stalled bodies (issue 11, item 2) and malformed
 * multipart framing (item 5), through raw sockets.
 */
class UploadBodyTest {
    static final int SLOTS = 2;
    static final String BOUNDARY = "sgBoundary42";

    @TempDir
    static Path dataDir;
    static AppHarness server;

    @BeforeAll
    static void start() {
        server = AppHarness.start(dataDir, Map.of(Setting.MAX_CONCURRENT_UPLOADS, Integer.toString(SLOTS),
                Setting.UPLOAD_IDLE_SECONDS, "2", Setting.UPLOAD_MIN_BYTES_PER_SECOND, "2000",
                Setting.UPLOAD_RATE_GRACE_SECONDS, "1.5", Setting.MAX_UPLOAD_BYTES, "2000000"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] wav() {
        return TestAudio.wav(TestAudio.noise(16000, 1.0, 0.02, 7), 16000);
    }

    static byte[] form(String disposition, byte[] content) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: " + disposition
                + "\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + content.length + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(content, 0, out, h.length, content.length);
        System.arraycopy(t, 0, out, h.length + content.length, t.length);
        return out;
    }

    static byte[] validForm() {
        return form("form-data; name=\"file\"; filename=\"a.wav\"", wav());
    }

    static RawHttp open(String contentType, long length) throws Exception {
        return RawHttp.open(server.app.port(), "POST", "/api/analyze", server.owner.cookie, contentType, length);
    }

    static String multipart() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    static void assertError(RawHttp.Response r, int status, String code, String mentions) throws Exception {
        assertEquals(status, r.status(), r.body());
        JsonNode body = AppHarness.JSON.readTree(r.body());
        assertEquals(code, body.get("error").asText(), r.body());
        assertTrue(body.get("detail").asText().contains(mentions), "detail should mention '" + mentions + "': " + r.body());
    }

    // ---- item 2: slow bodies hold no analysis slot, and are ended

    @Test
    void slow_clients_trickling_bodies_on_every_slot_do_not_stop_a_normal_upload() throws Exception {
        // given as many clients as there are slots, each having sent only part of its body
        byte[] body = validForm();
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOTS; i++) {
                RawHttp raw = open(multipart(), body.length);
                raw.send(body, 0, 300);
                slow.add(raw);
            }
            // when a normal upload arrives while they trickle
            for (RawHttp raw : slow) {
                raw.send(body, 300, 301);
            }
            HttpResponse<String> normal = server.upload("normal.wav", wav());

            // then it is analysed
            assertEquals(200, normal.statusCode(), normal.body());
        } finally {
            for (RawHttp raw : slow) {
                raw.close();
            }
        }
    }

    @Test
    void a_body_that_stalls_is_408_after_the_idle_timeout() throws Exception {
        byte[] body = validForm();
        try (RawHttp raw = open(multipart(), body.length)) {
            raw.send(body, 0, 500);

            assertError(raw.response(30_000), 408, "request_timeout", "UPLOAD_IDLE_SECONDS");
        }
        assertEquals(200, server.get("/health").statusCode());
    }

    @Test
    void a_body_slower_than_the_minimum_rate_is_408_naming_the_setting() throws Exception {
        byte[] body = validForm();
        try (RawHttp raw = open(multipart(), body.length)) {
            // 100 bytes every 200 ms = 500 bytes/s, under the 2000 bytes/s minimum, never idle for 2 s
            RawHttp.Response response = null;
            for (int at = 0; at < body.length && response == null; at += 100) {
                try {
                    raw.send(body, at, Math.min(body.length, at + 100));
                } catch (java.io.IOException closed) {
                    break;
                }
                Thread.sleep(200);
            }
            assertError(raw.response(30_000), 408, "request_timeout", "UPLOAD_MIN_BYTES_PER_SECOND");
        }
    }

    // ---- item 5: malformed multipart bodies are 400 bad_request, logged in one line

    static RawHttp.Response sendWhole(String contentType, byte[] body) throws Exception {
        try (RawHttp raw = open(contentType, body.length)) {
            raw.send(body);
            return raw.response(30_000);
        }
    }

    /** Runs a request and returns what the server logged at INFO and above meanwhile. */
    static List<ILoggingEvent> logged(ThrowingRunnable request) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        Logger analyze = (Logger) LoggerFactory.getLogger("io.screamguard.server.analyze");
        Level before = analyze.getLevel();
        analyze.setLevel(Level.INFO);
        try {
            request.run();
        } finally {
            analyze.setLevel(before);
            root.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static void assertBadRequestInOneLogLine(String contentType, byte[] body, String mentions) throws Exception {
        RawHttp.Response[] response = new RawHttp.Response[1];
        List<ILoggingEvent> events = logged(() -> response[0] = sendWhole(contentType, body));

        assertError(response[0], 400, "bad_request", mentions);
        List<ILoggingEvent> errors = events.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertEquals(List.of(), errors.stream().map(ILoggingEvent::getFormattedMessage).toList(), "no ERROR");
        List<ILoggingEvent> refusals = events.stream()
                .filter(e -> e.getFormattedMessage().contains("upload refused")
                        && e.getFormattedMessage().contains(mentions)).toList();
        assertEquals(1, refusals.size(), events.stream().map(ILoggingEvent::getFormattedMessage).toList().toString());
        assertEquals(null, refusals.get(0).getThrowableProxy(), "no stack trace");
        assertFalse(refusals.get(0).getFormattedMessage().contains("\n"), refusals.get(0).getFormattedMessage());
    }

    @Test
    void a_multipart_content_type_without_a_boundary_is_400() throws Exception {
        assertBadRequestInOneLogLine("multipart/form-data", validForm(), "no boundary");
    }

    @Test
    void a_body_with_another_boundary_than_declared_is_400() throws Exception {
        assertBadRequestInOneLogLine("multipart/form-data; boundary=somethingElse", validForm(), "does not start with the boundary");
    }

    @Test
    void a_body_without_its_closing_boundary_is_400() throws Exception {
        byte[] whole = validForm();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - ("\r\n--" + BOUNDARY + "--\r\n").length());
        assertBadRequestInOneLogLine(multipart(), cut, "without its closing boundary");
    }

    @Test
    void a_body_shorter_than_its_content_length_is_400() throws Exception {
        byte[] body = validForm();
        RawHttp.Response[] response = new RawHttp.Response[1];
        List<ILoggingEvent> events = logged(() -> {
            try (RawHttp raw = open(multipart(), body.length + 1000)) {
                raw.send(body, 0, body.length - 200);
                raw.endOutput();
                response[0] = raw.response(30_000);
            }
        });

        assertError(response[0], 400, "bad_request", "Content-Length");
        assertTrue(events.stream().noneMatch(e -> e.getLevel() == Level.ERROR), events.toString());
    }

    @Test
    void a_file_part_without_a_filename_is_400() throws Exception {
        assertBadRequestInOneLogLine(multipart(), form("form-data; name=\"file\"", wav()), "no filename");
    }

    @Test
    void a_file_name_with_control_bytes_is_400() throws Exception {
        assertBadRequestInOneLogLine(multipart(), form("form-data; name=\"file\"; filename=\"a\u0001b\u001b[31m.wav\"", wav()),
                "control characters");
    }

    @Test
    void a_very_long_file_name_is_stored_truncated_to_255_characters() throws Exception {
        String name = "x".repeat(5000) + ".wav";
        RawHttp.Response r = sendWhole(multipart(), form("form-data; name=\"file\"; filename=\"" + name + "\"", wav()));

        assertEquals(200, r.status(), r.body());
        String id = AppHarness.JSON.readTree(r.body()).get("event_id").asText();
        JsonNode event = AppHarness.json(server.owner.get("/api/events/" + id));
        assertEquals("x".repeat(255), event.get("source").get("name").asText());
    }

    @Test
    void a_very_long_user_agent_is_stored_truncated() throws Exception {
        String agent = "Agent/" + "y".repeat(3000);
        HttpResponse<String> r = server.owner.send(server.owner.request("/api/analyze")
                .header("User-Agent", agent)
                .header("Content-Type", multipart())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(validForm())).build());

        assertEquals(200, r.statusCode(), r.body());
        String id = AppHarness.json(r).get("event_id").asText();
        JsonNode event = AppHarness.json(server.owner.get("/api/events/" + id));
        assertEquals(io.screamguard.server.events.DeviceInfo.MAX_USER_AGENT_CHARS,
                event.get("device_info").get("user_agent").asText().length(), event.toString());
    }

    // ---- the spooled files

    static long spooled() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dataDir.resolve("uploads"))) {
            return files.count();
        }
    }

    @Test
    void the_spooled_file_is_deleted_after_the_answer_whether_analysed_or_refused() throws Exception {
        assertEquals(200, sendWhole(multipart(), validForm()).status());
        assertEquals(400, sendWhole(multipart(), form("form-data; name=\"file\"; filename=\"a\u0007.wav\"", wav())).status());
        byte[] cut = java.util.Arrays.copyOf(validForm(), validForm().length - 10);
        assertEquals(400, sendWhole(multipart(), cut).status());

        StreamApiTest.await(() -> {
            try {
                return spooled() == 0;
            } catch (java.io.IOException e) {
                return false;
            }
        }, "the upload spool to be empty");
    }

    @Test
    void a_file_left_in_the_spool_by_a_killed_process_is_deleted_at_start(@TempDir Path dir) throws Exception {
        Path leftover = java.nio.file.Files.createDirectories(dir.resolve("uploads")).resolve("upload-123.audio");
        java.nio.file.Files.write(leftover, new byte[1000]);
        Path unrelated = java.nio.file.Files.write(dir.resolve("uploads").resolve("notes.txt"), new byte[1]);

        try (AppHarness restarted = AppHarness.start(dir, Map.of())) {
            assertFalse(java.nio.file.Files.exists(leftover), "the leftover upload was deleted");
            assertTrue(java.nio.file.Files.exists(unrelated), "only upload files are deleted");
        }
    }
}
