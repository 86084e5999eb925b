package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.config.Setting;
import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import io.screamguard.server.support.WsClient;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop closes streams with a reason; readiness is checked against the database, and
 * what /health and 503 answers say names no file or driver internals; the embedded store is
 * owner-only (issue 11, item 8).
 */
class StopAndReadinessTest {
    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void a_graceful_stop_closes_open_streams_with_1001_server_shutting_down() throws Exception {
        AppHarness server = AppHarness.start(dir, Map.of());
        try {
            WsClient ws = server.stream("/api/stream");
            ws.text("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":1}");
            ws.binary(TestAudio.s16le(TestAudio.noise(16000, 0.5, 0.05, 1)));
            StreamApiTest.await(() -> ws.ofType("hop").size() == 1, "the stream to be under way");

            server.app.close(); // what Main's shutdown hook runs on SIGTERM

            assertEquals(1001, ws.awaitCloseCode(20), "close reason: " + ws.closeReason);
            assertEquals("server shutting down", ws.closeReason);
        } finally {
            server.close(); // a second close does nothing
        }
    }

    @Test
    void health_is_not_ready_before_the_database_has_answered_and_is_once_it_has() throws Exception {
        int port = freePort();
        // a long server-selection timeout: the first check is still waiting when /health is asked
        try (AppHarness server = AppHarness.startSignedOut(dir.resolve("data"), Map.of(
                Setting.MONGODB_URI, "mongodb://127.0.0.1:" + port, Setting.MONGODB_TIMEOUT_MS, "5000"))) {
            HttpResponse<String> ready = server.anonymous().get("/health/ready");
            JsonNode health = AppHarness.json(server.anonymous().get("/health"));

            assertEquals(503, ready.statusCode(), ready.body());
            assertFalse(health.get("ready").asBoolean(), health.toString());
            assertEquals(200, server.anonymous().get("/health").statusCode(), "liveness still answers");

            try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("late").resolve("events.mv.db"), port)) {
                StreamApiTest.await(() -> {
                    try {
                        return server.anonymous().get("/health/ready").statusCode() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                }, "readiness once the database answers");
                assertTrue(AppHarness.json(server.anonymous().get("/health")).get("ready").asBoolean());
            }
        }
    }

    @Test
    void the_503_answers_name_no_file_path_and_no_driver_cluster_description() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        try (AppHarness server = AppHarness.startSignedOut(data, Map.of(Setting.MONGODB_URI, "mongodb://127.0.0.1:" + port))) {
            StreamApiTest.await(() -> !server.app.events().databaseUp(), "the database to be found down");

            HttpResponse<String> ready = server.anonymous().get("/health/ready");
            HttpResponse<String> status = server.anonymous().get("/api/auth/status");

            assertEquals(503, ready.statusCode());
            assertEquals(503, status.statusCode());
            for (String body : new String[] {ready.body(), status.body()}) {
                assertFalse(body.contains(data.toAbsolutePath().toString()), body);
                assertFalse(body.contains("cluster") || body.contains("servers=") || body.contains(":" + port), body);
            }
            assertEquals("database_unavailable", AppHarness.json(status).get("error").asText());
        }
    }

    @Test
    void the_health_answer_of_the_embedded_store_names_no_file_path() throws Exception {
        try (AppHarness server = AppHarness.start(dir, Map.of())) {
            String body = server.get("/health").body();

            assertFalse(body.contains(dir.toAbsolutePath().toString()), body);
            assertEquals("embedded", AppHarness.json(server.get("/health")).get("database").get("store").asText());
        }
    }

    @Test
    void the_embedded_store_file_and_its_directory_are_owner_only() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions are not supported here");
        Path h2 = dir.resolve("store").resolve("events.mv.db");

        try (EmbeddedMongo mongo = EmbeddedMongo.start(h2, 0)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(h2.getParent())));
            assertTrue(Files.exists(h2), "the store file exists once started");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(h2)));
        }
    }
}
