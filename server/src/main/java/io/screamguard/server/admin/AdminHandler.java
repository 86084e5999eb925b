package io.screamguard.server.admin;

import io.javalin.http.Context;
import io.screamguard.server.accounts.Caller;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.http.JsonBodies;
import io.screamguard.server.scoring.Scoring;

/**
 * {@code GET/PUT /api/admin/settings}, {@code GET /api/admin/audit} and {@code GET /api/admin/model}
 * (admins only; the route rule enforces it). Thin.
 */
public final class AdminHandler {
    private final SettingsService settings;
    private final Scoring scoring;

    /**
     * @param settings the settings in force
     * @param scoring  the model in use (its card)
     */
    public AdminHandler(SettingsService settings, Scoring scoring) {
        this.settings = settings;
        this.scoring = scoring;
    }

    /** {@code GET /api/admin/settings} */
    public void getSettings(Context ctx) {
        ctx.json(settings.current());
    }

    /** {@code PUT /api/admin/settings}: any of the fields; answers the settings now in force */
    public void putSettings(Context ctx) {
        SettingsPatch patch = JsonBodies.read(ctx, SettingsPatch.class, "{\"threshold_probability\":0.7,\"debounce_k\":2,"
                + "\"debounce_n\":3,\"quiet_rms\":0.003,\"countdown_seconds\":10,\"cooldown_seconds\":120,"
                + "\"max_alerts_per_hour\":6}");
        ctx.json(settings.update(Caller.of(ctx), patch));
    }

    /** {@code GET /api/admin/audit?page=&size=} (newest first) */
    public void audit(Context ctx) {
        ctx.json(settings.audit(intParam(ctx, "page", 0), intParam(ctx, "size", 20)));
    }

    /** {@code GET /api/admin/model}: the model card */
    public void model(Context ctx) {
        ctx.json(ModelCard.of(scoring.model(), settings.current().thresholdProbability(), scoring.modelTraining()));
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, got '" + text + "'");
        }
    }
}
