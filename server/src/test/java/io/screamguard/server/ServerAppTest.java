package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.screamguard.server.support.AppHarness;
import io.screamguard.server.support.TestAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root's lifecycle. */
class ServerAppTest {
    @TempDir
    Path dataDir;

    @Test
    void a_start_that_fails_after_the_embedded_store_started_releases_its_file_so_the_next_start_works() throws Exception {
        // given a data directory whose spool directory is blocked by a plain file
        Files.createDirectories(dataDir);
        Path blocker = dataDir.resolve("spool");
        Files.writeString(blocker, "not a directory");

        // when the server fails to open its event log (after the embedded store started on DATA_DIR)
        assertThrows(RuntimeException.class, () -> AppHarness.start(dataDir, Map.of()));

        // then, once the problem is fixed, a new server starts on the same H2 file and works
        Files.delete(blocker);
        try (AppHarness server = AppHarness.start(dataDir, Map.of())) {
            assertEquals(200, server.upload("a.wav", TestAudio.wav(TestAudio.noise(16000, 1, 0.01, 1), 16000)).statusCode());
            assertEquals(1, AppHarness.json(server.get("/api/events")).get("total").asLong());
        }
    }
}
