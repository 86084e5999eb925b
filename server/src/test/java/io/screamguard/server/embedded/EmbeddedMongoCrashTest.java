package io.screamguard.server.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.server.store.MongoConnection;
import io.screamguard.server.support.TwoServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store in a process killed with SIGKILL keeps what was written a moment before (it
 * commits its H2 file every 0.1 s; the writes of the very last moment are lost, which is why the
 * crash tests keep their database outside the killed process, as production keeps MongoDB).
 */
class EmbeddedMongoCrashTest {
    @TempDir
    Path dir;

    /** In the child: serves the H2 file on the port until killed. */
    public static void main(String[] args) throws Exception {
        EmbeddedMongo.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }

    @Test
    void documents_written_half_a_second_before_a_sigkill_are_in_the_file_after_it() throws Exception {
        Path file = dir.resolve("events.mv.db");
        int port = TwoServers.freePort();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                EmbeddedMongoCrashTest.class.getName(), file.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); !"READY".equals(line); line = out.readLine()) {
                if (line == null) {
                    throw new AssertionError("the child store did not start");
                }
            }
            try (MongoConnection db = MongoConnection.open("mongodb://127.0.0.1:" + port, "test", 5000)) {
                db.collection("things").insertMany(List.of(new Document("_id", "a"), new Document("_id", "b")));
            }
            // H2 alone commits about once a second (this failed at 0.05-0.3 s before EmbeddedMongo committed every 0.1 s)
            Thread.sleep(500);

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }

        try (EmbeddedMongo reopened = EmbeddedMongo.start(file, 0);
             MongoConnection db = MongoConnection.open(reopened.connectionString(), "test", 5000)) {
            assertEquals(2, db.collection("things").countDocuments());
        }
    }
}
