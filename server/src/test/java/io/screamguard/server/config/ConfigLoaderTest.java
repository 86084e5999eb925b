package io.screamguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaults_give_port_8080_the_embedded_store_and_25_mib_uploads() {
        ServerConfig c = ServerConfig.from(ConfigLoader.resolve(Map.of(), "yaml", Map.of(), Map.of()));

        assertEquals(8080, c.http().port());
        assertTrue(c.store().embedded());
        assertEquals(25L * 1024 * 1024, c.http().maxUploadBytes());
        assertEquals(600.0, c.http().maxUploadSeconds());
        assertEquals(Optional.empty(), c.detection().modelPath());
    }

    @Test
    void environment_overrides_dotenv_which_overrides_yaml() {
        ResolvedSettings s = ConfigLoader.resolve(Map.of("port", "7000", "max_streams", "10", "data_dir", "/y"),
                "application.yaml", Map.of("PORT", "7001", "MAX_STREAMS", "11"), Map.of("PORT", "7002"));

        ServerConfig c = ServerConfig.from(s);
        assertEquals(7002, c.http().port());
        assertEquals("environment", s.origin(Setting.PORT));
        assertEquals(11, c.streams().maxStreams());
        assertEquals(".env", s.origin(Setting.MAX_STREAMS));
        assertEquals(Path.of("/y"), c.store().dataDir());
        assertEquals("application.yaml", s.origin(Setting.DATA_DIR));
    }

    @Test
    void the_stream_limit_defaults_to_what_the_cores_hold_and_a_set_value_wins() {
        ServerConfig defaults = ServerConfig.from(ConfigLoader.resolve(Map.of(), "yaml", Map.of(), Map.of()));
        ServerConfig set = ServerConfig.from(ConfigLoader.resolve(Map.of(), "yaml", Map.of("MAX_STREAMS", "250"), Map.of()));

        assertEquals(0, defaults.streams().maxStreams());
        assertEquals(ServerConfig.StreamSettings.STREAMS_PER_CORE * Runtime.getRuntime().availableProcessors(),
                defaults.streams().effectiveMaxStreams());
        assertEquals(250, set.streams().effectiveMaxStreams());
        assertThrows(ConfigException.class, () -> ServerConfig.from(
                ConfigLoader.resolve(Map.of(), "yaml", Map.of("MAX_STREAMS", "-1"), Map.of())));
    }

    @Test
    void a_bad_value_names_the_key_the_value_its_origin_and_the_fix() {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.from(
                ConfigLoader.resolve(Map.of(), "yaml", Map.of("MAX_UPLOAD_BYTES", "lots"), Map.of())));

        assertTrue(e.getMessage().contains("MAX_UPLOAD_BYTES='lots'"), e.getMessage());
        assertTrue(e.getMessage().contains("from .env"), e.getMessage());
        assertTrue(e.getMessage().contains("set MAX_UPLOAD_BYTES to a whole number"), e.getMessage());
    }

    @Test
    void a_port_out_of_range_is_refused_with_its_range() {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.from(
                ConfigLoader.resolve(Map.of(), "yaml", Map.of(), Map.of("PORT", "70000"))));

        assertTrue(e.getMessage().contains("PORT='70000'") && e.getMessage().contains("between 0 and 65535"), e.getMessage());
    }

    @Test
    void a_threshold_outside_0_to_1_is_refused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.from(
                ConfigLoader.resolve(Map.of(), "yaml", Map.of(), Map.of("THRESHOLD_PROBABILITY", "1.5"))));

        assertTrue(e.getMessage().contains("THRESHOLD_PROBABILITY='1.5'"), e.getMessage());
    }

    @Test
    void a_mongodb_uri_without_the_scheme_is_refused_with_the_fix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.from(
                ConfigLoader.resolve(Map.of(), "yaml", Map.of(), Map.of("MONGODB_URI", "localhost:27017"))));

        assertTrue(e.getMessage().contains("mongodb://") && e.getMessage().contains("localhost:27017"), e.getMessage());
    }

    @Test
    void debounce_k_above_n_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.from(
                ConfigLoader.resolve(Map.of(), "yaml", Map.of(), Map.of("DEBOUNCE_K", "4", "DEBOUNCE_N", "3"))));

        assertTrue(e.getMessage().contains("DEBOUNCE_K") && e.getMessage().contains("k=4"), e.getMessage());
    }

    @Test
    void an_unknown_yaml_key_is_an_error_listing_the_known_keys() throws IOException {
        Path yaml = dir.resolve("application.yaml");
        Files.writeString(yaml, "prot: 8080\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.resolve(ConfigLoader.readYaml(yaml), yaml.toString(), Map.of(), Map.of()));

        assertTrue(e.getMessage().contains("'prot'") && e.getMessage().contains("port"), e.getMessage());
    }

    @Test
    void the_yaml_file_is_read_flat_and_empty_strings_mean_unset() throws IOException {
        Path yaml = dir.resolve("application.yaml");
        Files.writeString(yaml, "port: 9090\nmongodb_uri: \"\"\nstream_queue_seconds: 1.5\n");

        ServerConfig c = ServerConfig.from(ConfigLoader.resolve(ConfigLoader.readYaml(yaml), "y", Map.of(), Map.of()));

        assertEquals(9090, c.http().port());
        assertTrue(c.store().embedded());
        assertEquals(1.5, c.streams().queueSeconds());
    }

    @Test
    void the_dotenv_file_is_read_from_the_directory() throws IOException {
        Files.writeString(dir.resolve(".env"), "# comment\nPORT=6060\nOTHER_TOOL=1\n");

        Map<String, String> dotenv = ConfigLoader.readDotenv(dir);

        assertEquals("6060", dotenv.get("PORT"));
        assertEquals(6060, ServerConfig.from(ConfigLoader.resolve(Map.of(), "y", dotenv, Map.of())).http().port());
    }

    @Test
    void the_shipped_yaml_and_env_example_cover_every_setting() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Map<String, String> yaml = ConfigLoader.readYaml(root.resolve("config/application.yaml"));
        ServerConfig.from(ConfigLoader.resolve(yaml, "config/application.yaml", Map.of(), Map.of()));
        String example = Files.readString(root.resolve(".env.example"));

        Set<String> missing = Arrays.stream(Setting.values()).map(Setting::envName)
                .filter(name -> !example.contains("\n" + name + "=") && !example.contains("\n# " + name + "="))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), missing, ".env.example should list every setting");
        assertEquals(Setting.envExample(), example, ".env.example is generated from Setting.envExample(); regenerate it");
    }

    @Test
    void the_shipped_yaml_uses_every_default_of_setting() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Map<String, String> yaml = ConfigLoader.readYaml(root.resolve("config/application.yaml"));

        for (Map.Entry<String, String> e : yaml.entrySet()) {
            Setting s = Setting.valueOf(e.getKey().toUpperCase(java.util.Locale.ROOT));
            assertEquals(s.defaultValue(), e.getValue(), "config/application.yaml " + e.getKey());
        }
    }

    @Test
    void the_stream_queue_defaults_to_one_and_a_half_seconds() {
        assertEquals(1.5, ServerConfig.of(Map.of()).streams().queueSeconds(), 1e-9);
    }

    @Test
    void a_config_file_that_is_set_but_missing_is_an_error_naming_the_key_and_the_path(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.yamlFile(Map.of("CONFIG_FILE", missing.toString())));

        assertTrue(e.getMessage().contains("CONFIG_FILE") && e.getMessage().contains("nope.yaml"), e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigLoader.yamlFile(Map.of("CONFIG_FILE", dir.toString())));
        Path present = Files.writeString(dir.resolve("app.yaml"), "port: 1\n");
        assertEquals(present, ConfigLoader.yamlFile(Map.of("CONFIG_FILE", present.toString())));
        assertEquals(Path.of("config/application.yaml"), ConfigLoader.yamlFile(Map.of()));
    }
}
