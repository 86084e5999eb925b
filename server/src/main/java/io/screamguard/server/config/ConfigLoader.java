package io.screamguard.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Layers the configuration sources: built-in defaults &lt; {@code config/application.yaml} &lt;
 * {@code .env} &lt; environment variables. The YAML file is flat ({@code port: 8080}); an unknown
 * YAML key is an error (a typo would otherwise be silently ignored); unknown {@code .env} and
 * environment names are ignored because they belong to other programs.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * Loads from the working directory: {@code config/application.yaml} (or the file named by the
     * {@code CONFIG_FILE} environment variable), {@code .env}, and {@link System#getenv()}.
     *
     * @throws ConfigException when a file is unreadable or a value is invalid
     */
    public static ServerConfig loadFromWorkingDirectory() {
        Map<String, String> env = System.getenv();
        Path yaml = yamlFile(env);
        Map<String, String> dotenv = readDotenv(Path.of("."));
        return ServerConfig.from(resolve(readYaml(yaml), yaml.toString(), dotenv, env));
    }

    /**
     * The YAML file to read: {@code CONFIG_FILE} when set, else {@code config/application.yaml}
     * (which may be absent: then only defaults, {@code .env} and the environment apply).
     *
     * @throws ConfigException when CONFIG_FILE is set but names no readable file (a typo would
     *                         otherwise silently start the server on defaults)
     */
    static Path yamlFile(Map<String, String> env) {
        String named = env.get("CONFIG_FILE");
        if (named == null || named.isBlank()) {
            return Path.of("config/application.yaml");
        }
        Path file = Path.of(named.trim());
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException("CONFIG_FILE names " + file.toAbsolutePath().normalize() + ", which "
                    + (Files.exists(file) ? "is not a readable file" : "does not exist")
                    + "; fix the path or unset CONFIG_FILE to use config/application.yaml");
        }
        return file;
    }

    /**
     * Merges the three layers over the defaults.
     *
     * @param yaml     flat YAML keys to text values (lower-case keys)
     * @param yamlName the YAML file name, for messages
     * @param dotenv   entries of the {@code .env} file
     * @param env      the process environment
     */
    public static ResolvedSettings resolve(Map<String, String> yaml, String yamlName,
                                           Map<String, String> dotenv, Map<String, String> env) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, String> origins = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, s.defaultValue());
            origins.put(s, "default");
        }
        for (Map.Entry<String, String> e : yaml.entrySet()) {
            Setting s = bySnakeName(e.getKey());
            if (s == null) {
                throw new ConfigException("unknown key '" + e.getKey() + "' in " + yamlName
                        + "; known keys: " + Arrays.stream(Setting.values()).map(Setting::yamlKey)
                        .collect(Collectors.joining(", ")));
            }
            values.put(s, e.getValue());
            origins.put(s, yamlName);
        }
        layer(values, origins, dotenv, ".env");
        layer(values, origins, env, "environment");
        return new ResolvedSettings(values, origins);
    }

    private static void layer(Map<Setting, String> values, Map<Setting, String> origins,
                              Map<String, String> source, String name) {
        for (Setting s : Setting.values()) {
            String v = source.get(s.envName());
            if (v != null) {
                values.put(s, v.trim());
                origins.put(s, name);
            }
        }
    }

    private static Setting bySnakeName(String key) {
        for (Setting s : Setting.values()) {
            if (s.yamlKey().equals(key) || s.envName().equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** Reads a flat YAML mapping; a missing file is an empty mapping. */
    static Map<String, String> readYaml(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<?, ?> raw = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
            Map<String, String> out = new LinkedHashMap<>();
            if (raw != null) {
                raw.forEach((k, v) -> {
                    if (v instanceof Map || v instanceof java.util.List) {
                        throw new ConfigException("key '" + k + "' in " + file
                                + " must be a plain value (the file is flat: 'port: 8080'), got " + v);
                    }
                    out.put(String.valueOf(k), v == null ? "" : String.valueOf(v).trim());
                });
            }
            return out;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage()
                    + "; fix the YAML syntax or remove the file to use the defaults", e);
        }
    }

    /** Reads {@code .env} in the directory; a missing file is an empty mapping. */
    static Map<String, String> readDotenv(Path dir) {
        Dotenv dotenv = Dotenv.configure().directory(dir.toString()).ignoreIfMissing().load();
        Map<String, String> out = new LinkedHashMap<>();
        for (DotenvEntry e : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
