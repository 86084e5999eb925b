package io.screamguard.server.config;

/**
 * The settings an administrator may change while the server runs (PUT /api/admin/settings): the
 * detector's threshold, debounce and loudness gate, and the alerting limits. The same rules apply
 * at start-up (from {@code .env}) and at run time: both build this record.
 *
 * @param thresholdProbability a window is hot at or above this scream probability, in (0, 1]
 * @param debounceK            hot windows needed within {@code debounceN}, 1..debounceN
 * @param debounceN            windows remembered by the k-of-n debounce, 1..1000
 * @param quietRms             windows with a linear RMS below this are not scored, in (0, 1]
 * @param countdownSeconds     cancel countdown before an alert, 0..600 (0 sends at once)
 * @param cooldownSeconds      incidents within this of an alert join it, 0..86400
 * @param maxAlertsPerHour     alerts per person per hour, 1..1000
 */
public record LiveSettings(double thresholdProbability, int debounceK, int debounceN, double quietRms,
                           int countdownSeconds, int cooldownSeconds, int maxAlertsPerHour) {
    /** Largest debounce window count. */
    public static final int MAX_DEBOUNCE = 1000;
    /** Longest cancel countdown. */
    public static final int MAX_COUNTDOWN_SECONDS = 600;
    /** Longest cooldown. */
    public static final int MAX_COOLDOWN_SECONDS = 86_400;
    /** Most alerts per person per hour. */
    public static final int MAX_ALERTS_PER_HOUR_LIMIT = 1000;

    public LiveSettings {
        require(thresholdProbability > 0 && thresholdProbability <= 1, "threshold_probability",
                "must be a number above 0 and at most 1", thresholdProbability);
        require(debounceN >= 1 && debounceN <= MAX_DEBOUNCE, "debounce_n",
                "must be a whole number from 1 to " + MAX_DEBOUNCE, debounceN);
        require(debounceK >= 1 && debounceK <= debounceN, "debounce_k",
                "must be a whole number from 1 to debounce_n (" + debounceN + ")", debounceK);
        require(quietRms > 0 && quietRms <= 1, "quiet_rms", "must be a number above 0 and at most 1", quietRms);
        require(countdownSeconds >= 0 && countdownSeconds <= MAX_COUNTDOWN_SECONDS, "countdown_seconds",
                "must be a whole number from 0 to " + MAX_COUNTDOWN_SECONDS, countdownSeconds);
        require(cooldownSeconds >= 0 && cooldownSeconds <= MAX_COOLDOWN_SECONDS, "cooldown_seconds",
                "must be a whole number from 0 to " + MAX_COOLDOWN_SECONDS, cooldownSeconds);
        require(maxAlertsPerHour >= 1 && maxAlertsPerHour <= MAX_ALERTS_PER_HOUR_LIMIT, "max_alerts_per_hour",
                "must be a whole number from 1 to " + MAX_ALERTS_PER_HOUR_LIMIT, maxAlertsPerHour);
    }

    private static void require(boolean ok, String field, String rule, Object value) {
        if (!ok) {
            throw new InvalidSetting(field, field + " " + rule + ", got " + value);
        }
    }

    /** A rule of {@link LiveSettings} broken by one field; the message names the field, the rule and the value. */
    public static final class InvalidSetting extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        InvalidSetting(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The JSON field name, e.g. {@code debounce_k}. */
        public String field() {
            return field;
        }
    }
}
