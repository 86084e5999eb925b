package io.screamguard.server.admin;

import io.screamguard.server.accounts.Account;
import io.screamguard.server.config.LiveSettings;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.scoring.DetectorTuning;
import io.screamguard.server.scoring.Scoring;
import io.screamguard.server.store.MongoConnection;
import io.screamguard.server.store.StoreUnavailable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings in force. Starts from the configuration ({@code .env}); a value saved in MongoDB
 * wins, and the log says which is used. An admin's change is validated with the start-up rules,
 * saved, audited, and applied at once (the detector's part reaches every running stream at its
 * next window). Other instances on the same database read the saved document every
 * {@link #POLL} ({@link #startPolling}) and apply a change the same way, so a change made on one
 * instance reaches the streams of every instance within seconds. Thread-safe: the settings are
 * one immutable value swapped atomically.
 */
public final class SettingsService implements AutoCloseable {
    /** How often the saved settings are read for changes made on another instance. */
    public static final java.time.Duration POLL = java.time.Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);

    private final SettingsStore store;
    private final AuditStore audit;
    private final Scoring scoring;
    private final Clock clock;
    private final AtomicReference<LiveSettings> current;
    private final java.util.concurrent.ScheduledExecutorService poller =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "settings-poll");
                t.setDaemon(true);
                return t;
            });

    /**
     * @param db         the database
     * @param configured the starting values from the configuration
     * @param scoring    the scorer to retune
     * @param clock      audit times
     */
    public SettingsService(MongoConnection db, LiveSettings configured, Scoring scoring, Clock clock) {
        this.store = new SettingsStore(db);
        this.audit = new AuditStore(db);
        this.scoring = scoring;
        this.clock = clock;
        this.current = new AtomicReference<>(configured);
    }

    /** Loads saved settings (they win over the configuration) and applies what is in force; logs which. */
    public void start() {
        LiveSettings configured = current.get();
        try {
            audit.createIndexes();
            store.load().ifPresentOrElse(saved -> {
                current.set(saved);
                LOG.info("settings in force: saved by an admin in the database {} (they override the configuration {})",
                        saved, configured);
            }, () -> LOG.info("settings in force: from the configuration {} (none saved by an admin)", configured));
        } catch (StoreUnavailable e) {
            LOG.warn("settings in force: from the configuration {}; saved settings could not be read: {}", configured,
                    e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warn("settings in force: from the configuration {}; the saved settings break a rule ({}) and are ignored",
                    configured, e.getMessage());
        }
        apply(current.get());
    }

    /** Reads the saved settings every {@code every} and applies a change made elsewhere. */
    public void startPolling(java.time.Duration every) {
        poller.scheduleWithFixedDelay(this::refresh, every.toMillis(), every.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Applies the saved settings when they differ from the ones in force (another instance saved
     * them); keeps the ones in force when the database does not answer or holds none.
     *
     * @return true when the settings changed
     */
    public synchronized boolean refresh() {
        try {
            java.util.Optional<LiveSettings> saved = store.load();
            LiveSettings before = current.get();
            if (saved.isEmpty() || saved.get().equals(before)) {
                return false;
            }
            current.set(saved.get());
            apply(saved.get());
            LOG.info("settings changed on another instance: {} -> {}", before, saved.get());
            return true;
        } catch (StoreUnavailable e) {
            LOG.debug("settings poll: {}", e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warn("settings poll: the saved settings break a rule ({}) and are ignored", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("settings poll failed", e);
        }
        return false;
    }

    /** Stops the polling. */
    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** The settings in force. */
    public LiveSettings current() {
        return current.get();
    }

    /**
     * Changes settings: validates (400 naming the field), saves, audits, applies.
     *
     * @return the settings now in force
     */
    public synchronized LiveSettings update(Account admin, SettingsPatch patch) {
        if (!admin.admin()) {
            throw ApiException.forbidden("changing settings needs an admin account");
        }
        LiveSettings before = current.get();
        LiveSettings after;
        try {
            after = patch.applyTo(before);
        } catch (LiveSettings.InvalidSetting e) {
            throw ApiException.badRequest(e.getMessage());
        }
        store.save(after);
        audit.append(clock.instant(), admin.id(), admin.email(), "settings.update", map(before), map(after));
        current.set(after);
        apply(after);
        LOG.info("settings changed by admin {} ({}): {} -> {}", admin.id(), admin.email(), before, after);
        return after;
    }

    /** A page of the audit log, newest first. */
    public Map<String, Object> audit(int page, int size) {
        if (page < 0 || size < 1 || size > 100) {
            throw ApiException.badRequest("page must be >= 0 and size 1..100, got page=" + page + " size=" + size);
        }
        List<AuditRecord> items = audit.page(page, size);
        return Map.of("items", items, "page", page, "size", size, "total", audit.count());
    }

    private void apply(LiveSettings s) {
        scoring.retune(new DetectorTuning(s.thresholdProbability(), s.debounceK(), s.debounceN(), s.quietRms()));
    }

    static Map<String, Object> map(LiveSettings s) {
        return new LinkedHashMap<>(SettingsStore.document(s));
    }
}
