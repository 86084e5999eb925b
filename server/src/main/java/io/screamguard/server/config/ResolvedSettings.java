package io.screamguard.server.config;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value of every {@link Setting} after layering, with where each value came from, and typed
 * accessors whose errors name the key, the bad value, its origin and the fix.
 */
public final class ResolvedSettings {
    private final Map<Setting, String> values;
    private final Map<Setting, String> origins;

    ResolvedSettings(Map<Setting, String> values, Map<Setting, String> origins) {
        this.values = new EnumMap<>(values);
        this.origins = new EnumMap<>(origins);
    }

    /** Settings with only the built-in defaults and the given overrides (tests use this). */
    public static ResolvedSettings of(Map<Setting, String> overrides) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, String> origins = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, s.defaultValue());
            origins.put(s, "default");
        }
        overrides.forEach((k, v) -> {
            values.put(k, v == null ? "" : v.trim());
            origins.put(k, "code");
        });
        return new ResolvedSettings(values, origins);
    }

    /** The raw text of a setting (never null; empty when unset). */
    public String text(Setting s) {
        return values.getOrDefault(s, "");
    }

    /** Where the value came from: default, config/application.yaml, .env, environment or code. */
    public String origin(Setting s) {
        return origins.getOrDefault(s, "default");
    }

    String describe(Setting s) {
        return s.envName() + "='" + text(s) + "' (from " + origin(s) + ")";
    }

    int integer(Setting s, int min, int max) {
        return (int) longValue(s, min, max);
    }

    long longValue(Setting s, long min, long max) {
        try {
            long v = Long.parseLong(text(s));
            if (v < min || v > max) {
                throw new ConfigException(describe(s) + " is out of range; set " + s.envName()
                        + " to a whole number between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(s) + " is not a whole number; set " + s.envName()
                    + " to a whole number between " + min + " and " + max, e);
        }
    }

    double decimal(Setting s, double minExclusive, double maxInclusive) {
        try {
            double v = Double.parseDouble(text(s));
            if (!(v > minExclusive && v <= maxInclusive)) {
                throw new ConfigException(describe(s) + " is out of range; set " + s.envName()
                        + " to a number above " + minExclusive + " and at most " + maxInclusive);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(s) + " is not a number; set " + s.envName()
                    + " to a number above " + minExclusive + " and at most " + maxInclusive, e);
        }
    }

    Optional<Double> optionalDecimal(Setting s, double minExclusive, double maxInclusive) {
        return text(s).isEmpty() ? Optional.empty() : Optional.of(decimal(s, minExclusive, maxInclusive));
    }

    Optional<Integer> optionalInteger(Setting s, int min, int max) {
        return text(s).isEmpty() ? Optional.empty() : Optional.of(integer(s, min, max));
    }

    boolean bool(Setting s) {
        String v = text(s).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0", "" -> false;
            default -> throw new ConfigException(describe(s) + " is not a boolean; set "
                    + s.envName() + " to true or false");
        };
    }

    /** A comma-separated list, entries trimmed, empty entries dropped. */
    java.util.List<String> list(Setting s) {
        return java.util.Arrays.stream(text(s).split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    ServerConfig.Registration registration(Setting s) {
        try {
            return ServerConfig.Registration.valueOf(text(s).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(describe(s) + " is not a registration mode; set " + s.envName()
                    + " to open, invite or closed", e);
        }
    }
}
