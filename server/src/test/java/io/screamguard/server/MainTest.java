package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.model.ModelLoadException;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.config.Setting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void a_missing_model_directory_is_refused_with_its_path() {
        ServerConfig c = ServerConfig.of(Map.of(Setting.MODEL_PATH, dir.resolve("no-model").toString()));

        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Main.loadModel(c));

        assertTrue(e.getMessage().contains("no-model"), e.getMessage());
    }

    @Test
    void a_connection_string_is_logged_without_its_password() {
        assertEquals("mongodb://app:***@db1,db2/?replicaSet=rs0", ServerApp.redact("mongodb://app:s3cret@db1,db2/?replicaSet=rs0"));
    }
}
