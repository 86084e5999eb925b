package io.screamguard.server.admin;

import io.screamguard.server.config.LiveSettings;

/**
 * The body of PUT /api/admin/settings: any of the fields; a missing (null) one keeps its value.
 */
public record SettingsPatch(Double thresholdProbability, Integer debounceK, Integer debounceN, Double quietRms,
                            Integer countdownSeconds, Integer cooldownSeconds, Integer maxAlertsPerHour) {

    /**
     * The current settings with this patch applied, validated by {@link LiveSettings}'s rules.
     *
     * @throws LiveSettings.InvalidSetting naming the field and its rule
     */
    LiveSettings applyTo(LiveSettings c) {
        return new LiveSettings(or(thresholdProbability, c.thresholdProbability()), or(debounceK, c.debounceK()),
                or(debounceN, c.debounceN()), or(quietRms, c.quietRms()), or(countdownSeconds, c.countdownSeconds()),
                or(cooldownSeconds, c.cooldownSeconds()), or(maxAlertsPerHour, c.maxAlertsPerHour()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
