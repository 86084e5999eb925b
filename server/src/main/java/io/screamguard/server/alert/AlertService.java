package io.screamguard.server.alert;

import io.screamguard.server.accounts.PersonalData;
import io.screamguard.server.config.LiveSettings;
import io.screamguard.server.contacts.Contact;
import io.screamguard.server.location.Location;
import io.screamguard.server.store.MongoConnection;
import io.screamguard.server.store.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a confirmed live incident to queued messages. The cancel countdown runs on the server (a
 * stream that disconnects does not cancel it) on the {@code alert-countdown} thread of the
 * instance holding the stream, and is recorded in {@link CountdownStore} so that a cancel on any
 * instance stops it and another instance takes it over when this one dies; when it
 * expires the incident joins the person's open alert (within ALERT_COOLDOWN_SECONDS of its last
 * incident), or is refused by MAX_ALERTS_PER_HOUR, or raises a new alert: one outbox job per
 * (alert, contact, channel), worded now, and the {@link Dispatcher} sends them. Knows nothing of
 * Javalin. Thread-safe.
 */
public final class AlertService implements Alarms, PersonalData, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    /** How long a recipient's incident link works. */
    public static final Duration LINK_LIFETIME = Duration.ofHours(24);

    private final AlertStore alerts;
    private final TraceStore traces;
    private final ClipStore clips;
    private final OutboxStore outbox;
    private final PinStore pins;
    private final EventAlerts events;
    private final Dispatcher dispatcher;
    private final Function<String, List<Contact>> contacts;
    private final Map<Channel, Sender> senders;
    private final Supplier<LiveSettings> settings;
    private final String publicBaseUrl;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor countdowns;
    private final Map<String, Countdown> running = new ConcurrentHashMap<>();
    /** The open stream of each alert's person, for acknowledgements (while this process runs). */
    private final Map<String, java.util.function.Consumer<Map<String, Object>>> streams = new ConcurrentHashMap<>();
    private final FollowUps followUps;
    private final IncidentPages pages;
    private final Duration escalateAfter;
    /** The alert this process last raised or joined per person, and when its position was last written. */
    private final Map<String, String> openAlertOf = new ConcurrentHashMap<>();
    private final Map<String, Instant> positionWrittenAt = new ConcurrentHashMap<>();
    /** Wait between attempts to raise an alert while the database does not answer. */
    static final Duration RAISE_RETRY = Duration.ofSeconds(5);
    /** Attempts to raise an alert (about 10 minutes). */
    static final int RAISE_ATTEMPTS = 120;
    /** Positions are written to an open alert at most this often. */
    static final Duration POSITION_EVERY = Duration.ofSeconds(5);
    private final Duration updateInterval;
    private final CountdownStore countdownStore;
    /** This instance in the outbox's and the countdowns' leases. */
    private final String instanceId;
    private final Duration lease;
    /** How often the countdowns are synchronised with the other instances (cancels, takeovers, leases). */
    static final Duration COUNTDOWN_SYNC = Duration.ofSeconds(1);
    /** The outbox lease when none is given (OUTBOX_LEASE_SECONDS' default). */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    /** A running countdown; whoever removes it from {@code running} (expiry or cancel) decides its fate. */
    private record Countdown(LiveIncident incident, java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> future) {
    }

    /**
     * @param db            the database (collections alerts and alert_outbox; the events' alert field)
     * @param contacts      a person's contacts, by account id
     * @param senders       the SMS and email providers (configured or not)
     * @param settings      the settings in force (countdown, cooldown, alerts per hour)
     * @param publicBaseUrl scheme://host[:port] of the incident links and callbacks
     * @param retryInitial  first backoff of a transient failure
     * @param maxAttempts   attempts per message
     * @param clock         times
     */
    public AlertService(MongoConnection db, Function<String, List<Contact>> contacts, List<Sender> senders,
                        Supplier<LiveSettings> settings, String publicBaseUrl, Duration retryInitial, int maxAttempts,
                        Clock clock) {
        this(db, contacts, senders, settings, publicBaseUrl, retryInitial, maxAttempts, Duration.ZERO, clock);
    }

    /**
     * As above, with escalation.
     *
     * @param escalateAfter an alert nobody acknowledged within this is sent once more to every
     *                      contact; {@link Duration#ZERO} = never
     */
    public AlertService(MongoConnection db, Function<String, List<Contact>> contacts, List<Sender> senders,
                        Supplier<LiveSettings> settings, String publicBaseUrl, Duration retryInitial, int maxAttempts,
                        Duration escalateAfter, Clock clock) {
        this(db, contacts, senders, settings, publicBaseUrl, retryInitial, maxAttempts, escalateAfter,
                Duration.ofMinutes(1), clock);
    }

    /**
     * As above, with the interval of updates.
     *
     * @param updateInterval incidents joining an alert send the contacts at most one update (with the
     *                       newest position) per this interval
     */
    public AlertService(MongoConnection db, Function<String, List<Contact>> contacts, List<Sender> senders,
                        Supplier<LiveSettings> settings, String publicBaseUrl, Duration retryInitial, int maxAttempts,
                        Duration escalateAfter, Duration updateInterval, Clock clock) {
        this(db, contacts, senders, settings, publicBaseUrl, retryInitial, maxAttempts, escalateAfter, updateInterval,
                DEFAULT_LEASE, clock);
    }

    /**
     * As above, with the outbox lease.
     *
     * @param lease how long this instance holds a message it sends without renewing the claim
     *              (renewed every third of it); a crashed instance's messages are taken over after it
     */
    public AlertService(MongoConnection db, Function<String, List<Contact>> contacts, List<Sender> senders,
                        Supplier<LiveSettings> settings, String publicBaseUrl, Duration retryInitial, int maxAttempts,
                        Duration escalateAfter, Duration updateInterval, Duration lease, Clock clock) {
        this.instanceId = Dispatcher.newInstanceId();
        this.lease = lease;
        this.countdownStore = new CountdownStore(db);
        this.escalateAfter = escalateAfter;
        this.updateInterval = updateInterval;
        this.alerts = new AlertStore(db);
        this.traces = new TraceStore(db);
        this.clips = new ClipStore(db);
        this.outbox = new OutboxStore(db);
        this.pins = new PinStore(db);
        this.events = new EventAlerts(alerts, outbox, clock);
        this.contacts = contacts;
        Map<Channel, Sender> byChannel = new EnumMap<>(Channel.class);
        for (Sender s : senders) {
            byChannel.put(s.channel(), s);
        }
        for (Channel c : Channel.values()) {
            byChannel.putIfAbsent(c, Sender.notConfigured(c, "no " + c.wireName() + " provider"));
        }
        this.senders = byChannel;
        this.settings = settings;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
        this.followUps = new FollowUps(alerts, outbox, events, contacts, streams, this::wakeDispatcher,
                escalateAfter, updateInterval, clock);
        this.pages = new IncidentPages(alerts, traces, clips, outbox, events, streams, clock);
        this.dispatcher = new Dispatcher(outbox, events, byChannel, retryInitial, maxAttempts, clock, () -> {
            followUps.escalateDue();
            followUps.updatesDue();
        }, instanceId, lease);
        this.countdowns = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "alert-countdown");
            t.setDaemon(true);
            return t;
        });
        this.countdowns.setRemoveOnCancelPolicy(true);
    }

    /** Creates the indexes, logs which channels are off, and starts the dispatcher (which resumes pending jobs). */
    public void start() {
        try {
            alerts.createIndexes();
            outbox.createIndexes();
            countdownStore.createIndexes();
        } catch (StoreUnavailable e) {
            LOG.warn("alerts: {}", e.getMessage());
        }
        for (Sender s : senders.values()) {
            if (s.configured()) {
                LOG.info("alerts: {} is configured", s.channel().wireName());
            } else {
                LOG.warn("alerts: {} is NOT configured ({}); its recipients are recorded as skipped_not_configured",
                        s.channel().wireName(), s.missing());
            }
        }
        dispatcher.start();
        countdowns.scheduleWithFixedDelay(this::syncCountdowns, COUNTDOWN_SYNC.toMillis(), COUNTDOWN_SYNC.toMillis(),
                TimeUnit.MILLISECONDS);
        countdowns.scheduleWithFixedDelay(() -> {
            try { // ended countdowns are kept a day (the embedded store scans the collection every second)
                countdownStore.deleteEndedBefore(clock.instant().minus(Duration.ofDays(1)));
            } catch (RuntimeException e) {
                LOG.warn("countdowns: the purge of ended ones failed (it runs again in an hour): {}", e.getMessage());
            }
        }, 60_000, Duration.ofHours(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs every {@link #COUNTDOWN_SYNC} on the countdown thread: renews the lease on this
     * instance's countdowns, stops those cancelled on another instance (sending the alert at once
     * when it was the duress PIN), and takes over the running countdowns of an instance that died.
     */
    private void syncCountdowns() {
        try {
            Instant now = clock.instant();
            countdownStore.renew(instanceId, now.plus(lease));
            if (!running.isEmpty()) {
                for (org.bson.Document d : countdownStore.states(List.copyOf(running.keySet()))) {
                    String state = d.getString("state");
                    if (CountdownStore.CANCELLED.equals(state) || CountdownStore.DURESS.equals(state)) {
                        stoppedElsewhere(d.getString("_id"), CountdownStore.DURESS.equals(state), now);
                    }
                }
            }
            for (var o = countdownStore.takeOrphan(instanceId, now, now.plus(lease)); o.isPresent();
                 o = countdownStore.takeOrphan(instanceId, now, now.plus(lease))) {
                LiveIncident i = CountdownStore.incident(o.get());
                if (running.containsKey(i.incidentId())) {
                    continue; // ours already: its lease lapsed while the database was away
                }
                long delay = Math.max(0, Duration.between(now, o.get().getDate("expires_at").toInstant()).toMillis());
                LOG.warn("incident {} of {}: the instance holding its countdown stopped; this instance takes the countdown"
                        + " over (the alert goes out in {} s unless cancelled)", i.incidentId(), i.ownerId(), delay / 1000);
                Countdown c = new Countdown(i, new java.util.concurrent.atomic.AtomicReference<>());
                running.put(i.incidentId(), c);
                c.future().set(countdowns.schedule(() -> expire(i.incidentId()), delay, TimeUnit.MILLISECONDS));
            }
        } catch (StoreUnavailable e) {
            LOG.debug("countdown sync: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("countdown sync failed", e);
        }
    }

    /** A countdown of this instance was cancelled on another one: stop it, tell the stream, and under duress raise. */
    private void stoppedElsewhere(String incidentId, boolean duress, Instant now) {
        Countdown c = running.get(incidentId);
        if (c == null || !running.remove(incidentId, c)) {
            return;
        }
        ScheduledFuture<?> f = c.future().get();
        if (f != null) {
            f.cancel(false);
        }
        c.incident().toStream().accept(Map.of("type", "countdown_cancelled", "incident_id", incidentId));
        if (duress && countdownStore.move(incidentId, CountdownStore.DURESS, CountdownStore.RAISED, now)) {
            LOG.warn("incident {} of {}: cancelled with the DURESS PIN on another instance; the alert is sent now",
                    incidentId, c.incident().ownerId());
            raiseRetrying(c.incident(), true, 1);
        } else {
            LOG.info("incident {} of {}: countdown cancelled on another instance", incidentId, c.incident().ownerId());
        }
    }

    /** The channels and whether each can send, with what is missing ({@code GET /api/alerts/channels}). */
    public Map<String, Object> channels() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Sender s : senders.values()) {
            out.put(s.channel().wireName(), Map.of("configured", s.configured(), "missing", s.missing()));
        }
        return out;
    }

    @Override
    public int incidentConfirmed(LiveIncident incident) {
        int seconds = settings.get().countdownSeconds();
        Instant now = clock.instant();
        // the database writes go to the countdown thread too: the caller is a scoring thread
        countdowns.execute(() -> {
            try {
                countdownStore.start(incident, incident.location().get(), now.plusSeconds(seconds), instanceId,
                        now.plus(lease), now);
            } catch (RuntimeException e) {
                LOG.warn("incident {}: the countdown is not shared with the other instances ({}); it runs here only",
                        incident.incidentId(), e.getMessage());
            }
            events.incident(incident.incidentId(), "countdown", Map.of("countdown_seconds", seconds));
        });
        // in the map before it is scheduled: a countdown of 0 s may expire before schedule() returns
        Countdown countdown = new Countdown(incident, new java.util.concurrent.atomic.AtomicReference<>());
        running.put(incident.incidentId(), countdown);
        countdown.future().set(countdowns.schedule(() -> expire(incident.incidentId()), seconds, TimeUnit.SECONDS));
        LOG.info("incident {} of {}: countdown of {} s started", incident.incidentId(), incident.ownerId(), seconds);
        return seconds;
    }

    /** What a cancel did. The person's screen shows {@link #CANCELLED} and {@link #DURESS} alike. */
    public enum CancelOutcome {
        /** The countdown stopped; nothing is sent. */
        CANCELLED,
        /** The duress PIN: it looks like a cancel, and the alert goes out now, marked "sent under duress". */
        DURESS,
        /** The person set a PIN and this one is missing or wrong: the countdown goes on. */
        REFUSED,
        /** No countdown of this person with that id is running. */
        NOT_FOUND
    }

    /**
     * Stops the countdown of one of the person's incidents; with a PIN set, only the right PIN does
     * (the duress PIN seems to).
     *
     * @param pin the PIN given, or null
     */
    public CancelOutcome cancel(String ownerId, String incidentId, String pin) {
        Countdown c = running.get(incidentId);
        if (c == null) {
            return cancelElsewhere(ownerId, incidentId, pin);
        }
        if (!c.incident().ownerId().equals(ownerId)) {
            return CancelOutcome.NOT_FOUND;
        }
        String[] hashes = pins.find(ownerId).orElse(new String[2]);
        boolean duress = Pins.matches(pin, hashes[1]);
        if (!duress && hashes[0] != null && !Pins.matches(pin, hashes[0])) {
            LOG.warn("incident {} of {}: cancel refused (the PIN is {})", incidentId, ownerId, pin == null ? "missing" : "wrong");
            c.incident().toStream().accept(Map.of("type", "cancel_refused", "incident_id", incidentId,
                    "reason", pin == null ? "your PIN is needed to cancel" : "the PIN is wrong; the countdown goes on"));
            return CancelOutcome.REFUSED;
        }
        if (!running.remove(incidentId, c)) {
            return CancelOutcome.NOT_FOUND; // the countdown expired at this very moment: the alert is on its way
        }
        ScheduledFuture<?> f = c.future().get();
        if (f != null) {
            f.cancel(false); // expire() would find nothing in the map anyway
        }
        try { // so that no other instance takes the countdown over
            countdownStore.move(incidentId, CountdownStore.RUNNING, duress ? CountdownStore.RAISED : CountdownStore.CANCELLED,
                    clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("incident {}: the cancel is not recorded for the other instances: {}", incidentId, e.getMessage());
        }
        c.incident().toStream().accept(Map.of("type", "countdown_cancelled", "incident_id", incidentId));
        if (duress) {
            LOG.warn("incident {} of {}: cancelled with the DURESS PIN; the alert is sent now", incidentId, ownerId);
            countdowns.execute(() -> raiseRetrying(c.incident(), true, 1));
            return CancelOutcome.DURESS;
        }
        LOG.info("incident {} of {}: countdown cancelled", incidentId, ownerId);
        events.incident(incidentId, "cancelled", Map.of("cancelled_at", java.util.Date.from(clock.instant())));
        return CancelOutcome.CANCELLED;
    }

    /**
     * A cancel for a countdown this instance does not hold (its stream is on another instance):
     * decided on the shared record, which the holding instance reads within {@link #COUNTDOWN_SYNC}.
     */
    private CancelOutcome cancelElsewhere(String ownerId, String incidentId, String pin) {
        var doc = countdownStore.find(incidentId);
        if (doc.isEmpty() || !ownerId.equals(doc.get().getString("owner_id"))
                || !CountdownStore.RUNNING.equals(doc.get().getString("state"))) {
            return CancelOutcome.NOT_FOUND;
        }
        String[] hashes = pins.find(ownerId).orElse(new String[2]);
        boolean duress = Pins.matches(pin, hashes[1]);
        if (!duress && hashes[0] != null && !Pins.matches(pin, hashes[0])) {
            LOG.warn("incident {} of {}: cancel refused (the PIN is {})", incidentId, ownerId, pin == null ? "missing" : "wrong");
            return CancelOutcome.REFUSED;
        }
        Instant now = clock.instant();
        if (!countdownStore.move(incidentId, CountdownStore.RUNNING, duress ? CountdownStore.DURESS : CountdownStore.CANCELLED,
                now)) {
            return CancelOutcome.NOT_FOUND; // it expired at this very moment: the alert is on its way
        }
        if (duress) {
            LOG.warn("incident {} of {}: cancelled with the DURESS PIN here; its instance sends the alert", incidentId, ownerId);
            return CancelOutcome.DURESS;
        }
        LOG.info("incident {} of {}: countdown cancelled here; its instance stops it", incidentId, ownerId);
        events.incident(incidentId, "cancelled", Map.of("cancelled_at", java.util.Date.from(now)));
        return CancelOutcome.CANCELLED;
    }

    @Override
    public List<String> cancelStream(String ownerId, String streamId, String pin) {
        List<String> stopped = new ArrayList<>();
        for (Countdown c : List.copyOf(running.values())) {
            if (c.incident().streamId().equals(streamId)) {
                CancelOutcome o = cancel(ownerId, c.incident().incidentId(), pin);
                if (o == CancelOutcome.CANCELLED || o == CancelOutcome.DURESS) {
                    stopped.add(c.incident().incidentId());
                }
            }
        }
        return stopped;
    }

    /**
     * Sets or clears the person's PINs. With a PIN, cancelling a countdown needs it; the duress
     * PIN (which needs a PIN) cancels in appearance only and sends the alert.
     *
     * @param pin       4 to 8 digits, or null to clear both
     * @param duressPin 4 to 8 digits other than the PIN, or null for none
     * @throws IllegalArgumentException naming the field
     */
    public void setPins(String ownerId, String pin, String duressPin) {
        if (pin == null) {
            if (duressPin != null) {
                throw new IllegalArgumentException("duress_pin needs a pin: set both, or neither to clear them");
            }
            pins.delete(ownerId);
            return;
        }
        Pins.requireValid("pin", pin);
        if (duressPin != null) {
            Pins.requireValid("duress_pin", duressPin);
            if (duressPin.equals(pin)) {
                throw new IllegalArgumentException("duress_pin must differ from pin");
            }
        }
        pins.save(ownerId, Pins.hash(pin), duressPin == null ? null : Pins.hash(duressPin));
    }

    /** {"pin_set", "duress_pin_set"} (never the PINs). */
    public Map<String, Object> pinStatus(String ownerId) {
        String[] h = pins.find(ownerId).orElse(new String[2]);
        return Map.of("pin_set", h[0] != null, "duress_pin_set", h[1] != null);
    }

    @Override
    public void positionUpdate(String ownerId, Location location) {
        String alertId = openAlertOf.get(ownerId);
        Instant now = clock.instant();
        Instant last = positionWrittenAt.get(ownerId);
        if (alertId == null || location.latitude() == null || (last != null && last.plus(POSITION_EVERY).isAfter(now))) {
            return;
        }
        positionWrittenAt.put(ownerId, now);
        countdowns.execute(() -> {
            try {
                if (!alerts.movePosition(alertId, location)) {
                    openAlertOf.remove(ownerId, alertId); // ended (safe) or gone: stop following
                }
            } catch (RuntimeException e) {
                LOG.warn("alert {}: the new position was not saved: {}", alertId, e.getMessage());
            }
        });
    }

    @Override
    public void incidentTrace(String ownerId, String incidentId, List<TracePoint> points) {
        List<TracePoint> copy = List.copyOf(points);
        countdowns.execute(() -> {
            try {
                traces.save(incidentId, ownerId, copy, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("incident {}: the probability trace was not saved: {}", incidentId, e.getMessage());
            }
        });
    }

    @Override
    public void incidentClip(String ownerId, String incidentId, byte[] wav, Runnable done) {
        try {
            countdowns.execute(() -> {
                try {
                    clips.save(incidentId, ownerId, wav, clock.instant());
                } catch (RuntimeException e) {
                    LOG.warn("incident {}: the audio clip was not saved: {}", incidentId, e.getMessage());
                } finally {
                    done.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) { // shutting down
            done.run();
            throw e;
        }
    }

    /**
     * An incident's clip (WAV bytes) for this caller: the owner, or an admin; empty otherwise or
     * when none was kept.
     */
    public java.util.Optional<byte[]> clip(String incidentId, String callerId, boolean admin) {
        return clips.of(incidentId).filter(c -> admin || c.ownerId().equals(callerId)).map(ClipStore.Clip::wav);
    }

    /**
     * Starts the retention purge: every {@code every} (and once a minute after the start), the
     * clips older than {@code retention} are deleted.
     */
    public void startClipPurge(Duration retention, Duration every) {
        countdowns.scheduleWithFixedDelay(() -> {
            try {
                long n = purgeClips(retention);
                if (n > 0) {
                    LOG.info("clips: deleted {} older than {} days", n, retention.toDays());
                }
            } catch (RuntimeException e) {
                LOG.warn("clips: the retention purge failed (it runs again in {}): {}", every, e.getMessage());
            }
        }, 60_000, every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The incident page's clip, only when its person shares audio with the contacts (see {@link IncidentPages#clip}). */
    public java.util.Optional<byte[]> pageClip(String token) {
        return pages.clip(token);
    }

    /** Whether the person lets contacts play their clips on the incident page. */
    public boolean sharesAudio(String ownerId) {
        return clips.sharesAudio(ownerId);
    }

    /** Sets whether the person lets contacts play their clips on the incident page. */
    public void shareAudio(String ownerId, boolean share) {
        clips.shareAudio(ownerId, share);
    }

    /** Deletes the clips older than the retention; returns how many went. */
    public long purgeClips(Duration retention) {
        return clips.deleteOlderThan(clock.instant().minus(retention));
    }

    @Override
    public void raiseAtOnce(LiveIncident incident) {
        countdowns.execute(() -> raiseRetrying(incident, false, 1));
    }

    private void expire(String incidentId) {
        Countdown c = running.remove(incidentId);
        if (c == null) {
            return; // cancelled
        }
        boolean duress = false;
        try {
            Instant now = clock.instant();
            if (!countdownStore.move(incidentId, CountdownStore.RUNNING, CountdownStore.RAISED, now)) {
                String state = countdownStore.find(incidentId).map(d -> d.getString("state")).orElse(null);
                if (CountdownStore.CANCELLED.equals(state) || CountdownStore.RAISED.equals(state)) {
                    if (CountdownStore.CANCELLED.equals(state)) {
                        c.incident().toStream().accept(Map.of("type", "countdown_cancelled", "incident_id", incidentId));
                    }
                    LOG.info("incident {}: the countdown was {} on another instance", incidentId, state);
                    return;
                }
                if (CountdownStore.DURESS.equals(state)) {
                    if (!countdownStore.move(incidentId, CountdownStore.DURESS, CountdownStore.RAISED, now)) {
                        return;
                    }
                    duress = true;
                    c.incident().toStream().accept(Map.of("type", "countdown_cancelled", "incident_id", incidentId));
                }
                // no record (the database did not answer when the countdown started): raise
            }
        } catch (RuntimeException e) { // an alarm is never swallowed for want of its record
            LOG.warn("incident {}: the countdown's record cannot be read ({}); the alert is raised", incidentId, e.getMessage());
        }
        raiseRetrying(c.incident(), duress, 1);
    }

    /**
     * Raises the alert; while the database does not answer, tries again every
     * {@link #RAISE_RETRY} for up to {@link #RAISE_ATTEMPTS} attempts (raising is idempotent: the
     * alert's id is its first incident's, and the outbox keeps one job per key). The outcome goes
     * to the stream, except under duress (the screen must look cancelled).
     */
    private void raiseRetrying(LiveIncident i, boolean duress, int attempt) {
        try {
            Map<String, Object> outcome = raise(i, duress);
            if (!duress) {
                Map<String, Object> msg = new LinkedHashMap<>(outcome);
                msg.put("type", "alert");
                msg.put("incident_id", i.incidentId());
                i.toStream().accept(msg);
            }
        } catch (StoreUnavailable e) {
            if (attempt < RAISE_ATTEMPTS && !countdowns.isShutdown()) {
                LOG.warn("incident {} of {}: the database does not answer ({}); raising again in {} s (attempt {} of {})",
                        i.incidentId(), i.ownerId(), e.getMessage(), RAISE_RETRY.toSeconds(), attempt, RAISE_ATTEMPTS);
                countdowns.schedule(() -> raiseRetrying(i, duress, attempt + 1), RAISE_RETRY.toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                LOG.error("incident {} of {}: the alert could NOT be raised, the database did not answer: {}",
                        i.incidentId(), i.ownerId(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("incident {} of {}: raising the alert FAILED", i.incidentId(), i.ownerId(), e);
        }
    }

    /** Joins the open alert, refuses (rate limit, no contacts) or raises a new alert; the outcome for the stream. */
    private synchronized Map<String, Object> raise(LiveIncident i, boolean duress) {
        Instant now = clock.instant();
        LiveSettings s = settings.get();
        Location location = i.location().get();
        // under duress always a new alert: the contacts must learn of it, whatever the cooldown and the limit
        var open = duress ? java.util.Optional.<String>empty()
                : alerts.openSince(i.ownerId(), now.minusSeconds(s.cooldownSeconds()))
                        .filter(id -> !id.equals(i.incidentId())); // a retry of this incident's own alert
        if (open.isPresent()) {
            alerts.join(open.get(), i.incidentId(), now, location);
            streams.put(open.get(), i.toStream());
            openAlertOf.put(i.ownerId(), open.get());
            events.alertChanged(open.get());
            LOG.info("incident {} of {} joins alert {} (cooldown {} s)", i.incidentId(), i.ownerId(), open.get(),
                    s.cooldownSeconds());
            return Map.of("status", "joined", "alert_id", open.get());
        }
        long lastHour = alerts.countSince(i.ownerId(), now.minus(Duration.ofHours(1)));
        if (lastHour >= s.maxAlertsPerHour() && !duress) {
            LOG.warn("incident {} of {}: no alert, {} already in the last hour (MAX_ALERTS_PER_HOUR {})", i.incidentId(),
                    i.ownerId(), lastHour, s.maxAlertsPerHour());
            events.incident(i.incidentId(), "rate_limited", Map.of("max_alerts_per_hour", s.maxAlertsPerHour()));
            return Map.of("status", "rate_limited");
        }
        List<Contact> people = contacts.apply(i.ownerId());
        String alertId = i.incidentId(); // one alert per first incident: a retry finds the same one
        alerts.insert(alertId, i.ownerId(), i.who(), i.incidentId(), now, location, i.probability(), duress,
                i.timeZone().getId());
        streams.put(alertId, i.toStream());
        openAlertOf.put(i.ownerId(), alertId);
        int queued = 0;
        for (Contact contact : people) {
            String token = IncidentPages.newToken();
            String tokenHash = IncidentPages.sha256(token);
            AlertMessage m = new AlertMessage(i.who(), i.detectedAt(), i.timeZone(), i.probability(), location,
                    publicBaseUrl + "/i/" + token, contact.name(), contact.note(), duress, contact.language());
            for (String wire : contact.channels()) {
                Channel channel = Channel.parse(wire);
                String key = OutboxJob.key(alertId, contact.id(), channel);
                Outgoing out = switch (channel) {
                    case SMS -> new Outgoing(key, contact.phone(), null, MessageText.sms(m), null);
                    case VOICE -> new Outgoing(key, contact.phone(), null, MessageText.voiceTwiml(m), null);
                    case EMAIL -> new Outgoing(key, contact.email(), MessageText.emailSubject(m), MessageText.emailText(m),
                            MessageText.emailHtml(m));
                };
                Sender sender = senders.get(channel);
                DeliveryStatus status = sender.configured() ? DeliveryStatus.QUEUED : DeliveryStatus.SKIPPED_NOT_CONFIGURED;
                outbox.insert(new OutboxJob(key, alertId, i.ownerId(), contact.id(), contact.name(), channel, out, status, 0,
                        now, null, sender.configured() ? null : sender.missing(), now, now, OutboxJob.ALERT),
                        tokenHash, now.plus(LINK_LIFETIME));
                queued += status == DeliveryStatus.QUEUED ? 1 : 0;
            }
        }
        dispatcher.wake();
        events.alertChanged(alertId);
        LOG.info("incident {} of {}: alert {} raised, {} message(s) queued for {} contact(s)", i.incidentId(),
                i.ownerId(), alertId, queued, people.size());
        return Map.of("status", people.isEmpty() ? "no_contacts" : "raised", "alert_id", alertId, "queued", queued);
    }

    /**
     * "I'm safe": ends one of the person's open alerts and queues a short follow-up to every
     * recipient the alert reached (sent, delivered or acknowledged), on the same channel.
     *
     * @return the number of follow-ups queued, or -1 when the person has no open alert with that id
     */
    public int safe(String ownerId, String alertId) {
        int queued = followUps.safe(ownerId, alertId);
        if (queued >= 0) {
            openAlertOf.remove(ownerId, alertId);
        }
        return queued;
    }

    /**
     * What a recipient's incident page shows (who, when, how sure, the latest position with map
     * links, the status, who is on their way, whether this recipient said so); empty when the
     * token is unknown or expired.
     */
    public java.util.Optional<Map<String, Object>> incidentPage(String token) {
        return pages.incidentPage(token);
    }

    /**
     * "I'm on my way" from a recipient's page: recorded, pushed to the person's stream, shown to
     * the other contacts; stops the escalation.
     *
     * @return false when the token is unknown or expired
     */
    public boolean acknowledge(String token) {
        return pages.acknowledge(token);
    }

    /**
     * A delivery report (Twilio's status callback, already verified): delivered, undelivered or failed.
     *
     * @return false when no message has that provider id
     */
    public boolean deliveryReport(String providerId, DeliveryStatus status, String error) {
        var alertId = outbox.report(providerId, status, error, clock.instant());
        alertId.ifPresent(events::alertChanged);
        return alertId.isPresent();
    }

    /**
     * Sends a test message to one contact on each of its channels, now (a person's "send a test
     * message"); a channel that is not configured is reported, not sent.
     *
     * @return per channel: {"channel", "status": sent|failed|skipped_not_configured, "provider_id", "error"}
     */
    public List<Map<String, Object>> sendTest(String who, Contact contact) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (String wire : contact.channels()) {
            Channel channel = Channel.parse(wire);
            if (channel == Channel.VOICE) {
                continue; // no test calls: the SMS test checks the same number and account
            }
            Sender sender = senders.get(channel);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("channel", wire);
            String key = "test:" + contact.id() + ":" + wire + ":" + IncidentPages.newToken();
            Outgoing out = channel == Channel.SMS
                    ? new Outgoing(key, contact.phone(), null, MessageText.testSms(contact.language(), who), null)
                    : new Outgoing(key, contact.email(), MessageText.testSubject(contact.language()),
                    MessageText.testText(contact.language(), who, contact.name()), null);
            if (!sender.configured()) {
                r.put("status", DeliveryStatus.SKIPPED_NOT_CONFIGURED.wireName());
                r.put("error", sender.missing());
            } else {
                try {
                    r.put("status", DeliveryStatus.SENT.wireName());
                    r.put("provider_id", sender.send(out));
                } catch (SendFailure f) {
                    r.put("status", DeliveryStatus.FAILED.wireName());
                    r.put("error", f.getMessage());
                }
            }
            results.add(r);
        }
        return results;
    }

    /** True when at least one channel can send. */
    public boolean anyConfigured() {
        return senders.values().stream().anyMatch(Sender::configured);
    }

    @Override
    public String name() {
        return "alerts";
    }

    /** The person's alerts (with each recipient's status) and whether PINs are set (never the PINs). */
    @Override
    public Object export(String accountId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String alertId : alerts.idsOf(accountId)) {
            alerts.view(alertId).ifPresent(a -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", alertId);
                m.put("raised_at", a.raisedAt().toString());
                m.put("status", events.summary(alertId));
                m.put("incident_ids", alerts.incidentIds(alertId));
                m.put("on_their_way", a.acknowledgements().stream().map(AlertView.Acknowledgement::contact).toList());
                m.put("messages", outbox.byAlert(alertId).stream().map(j -> Map.of("contact", j.contactName(),
                        "channel", j.channel().wireName(), "kind", j.kind(), "status", j.status().wireName(),
                        "attempts", j.attempts())).toList());
                out.add(m);
            });
        }
        return Map.of("items", out, "pins", pinStatus(accountId), "clips", clips.list(accountId));
    }

    /** Deletes the person's alerts, their queued and sent messages (links stop working) and PINs. */
    @Override
    public long deleteAll(String accountId) {
        long n = alerts.deleteAll(accountId);
        traces.deleteAll(accountId);
        clips.deleteAll(accountId);
        outbox.deleteAll(accountId);
        countdownStore.deleteAll(accountId);
        pins.delete(accountId);
        return n;
    }

    private void wakeDispatcher() {
        dispatcher.wake();
    }

    /** Alert messages queued or waiting for a retry, of every person (the admin's status). */
    public long queuedMessages() {
        return outbox.queuedCount();
    }

    /** Countdowns running now (tests, health). */
    public int runningCountdowns() {
        return running.size();
    }

    /**
     * Stops the countdowns and the dispatcher. A countdown still running is expired now (its alert
     * is queued in the outbox, and sent by the next start if not before): a server going down must
     * not swallow an alarm nobody cancelled.
     */
    @Override
    public void close() {
        countdowns.shutdownNow();
        for (String incidentId : List.copyOf(running.keySet())) {
            LOG.warn("incident {}: the server stops during its countdown; the alert is raised now", incidentId);
            expire(incidentId);
        }
        dispatcher.close();
    }
}
