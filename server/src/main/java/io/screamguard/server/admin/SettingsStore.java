package io.screamguard.server.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.screamguard.server.config.LiveSettings;
import io.screamguard.server.store.MongoConnection;
import java.util.Optional;
import org.bson.Document;

/** The {@code settings} collection: one document {@code _id: "live"} with the saved {@link LiveSettings}. Thread-safe. */
final class SettingsStore {
    private static final String ID = "live";
    private final MongoCollection<Document> settings;

    SettingsStore(MongoConnection db) {
        this.settings = db.collection("settings");
    }

    Optional<LiveSettings> load() {
        Document d = MongoConnection.call("reading the settings", () -> settings.find(Filters.eq("_id", ID)).first());
        return Optional.ofNullable(d).map(SettingsStore::settings);
    }

    void save(LiveSettings s) {
        MongoConnection.run("saving the settings", () -> settings.replaceOne(Filters.eq("_id", ID),
                document(s).append("_id", ID), new ReplaceOptions().upsert(true)));
    }

    static Document document(LiveSettings s) {
        return new Document("threshold_probability", s.thresholdProbability()).append("debounce_k", s.debounceK())
                .append("debounce_n", s.debounceN()).append("quiet_rms", s.quietRms())
                .append("countdown_seconds", s.countdownSeconds()).append("cooldown_seconds", s.cooldownSeconds())
                .append("max_alerts_per_hour", s.maxAlertsPerHour());
    }

    private static LiveSettings settings(Document d) {
        return new LiveSettings(d.get("threshold_probability", Number.class).doubleValue(),
                d.get("debounce_k", Number.class).intValue(), d.get("debounce_n", Number.class).intValue(),
                d.get("quiet_rms", Number.class).doubleValue(), d.get("countdown_seconds", Number.class).intValue(),
                d.get("cooldown_seconds", Number.class).intValue(), d.get("max_alerts_per_hour", Number.class).intValue());
    }
}
