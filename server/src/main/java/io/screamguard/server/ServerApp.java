package io.screamguard.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import io.javalin.websocket.WsHandlerEntry;
import io.javalin.websocket.WsHandlerType;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.screamguard.server.accounts.Access;
import io.screamguard.server.accounts.AccessGuard;
import io.screamguard.server.accounts.AccountService;
import io.screamguard.server.accounts.AccountsHandler;
import io.screamguard.server.accounts.Passwords;
import io.screamguard.server.admin.AdminHandler;
import io.screamguard.server.admin.SettingsService;
import io.screamguard.server.admin.StatusHandler;
import io.screamguard.server.alert.AlertService;
import io.screamguard.server.alert.AlertsHandler;
import io.screamguard.server.alert.email.SmtpEmail;
import io.screamguard.server.alert.sms.TwilioCallbacks;
import io.screamguard.server.alert.sms.TwilioSms;
import io.screamguard.server.alert.sms.TwilioVoice;
import io.screamguard.server.analyze.AnalyzeHandler;
import io.screamguard.server.analyze.AnalyzeService;
import io.screamguard.server.config.ConfigException;
import io.screamguard.server.config.LiveSettings;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.contacts.ContactService;
import io.screamguard.server.contacts.ContactsHandler;
import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.events.EventData;
import io.screamguard.server.events.EventLog;
import io.screamguard.server.events.EventsHandler;
import io.screamguard.server.http.ApiError;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.http.ClientAddress;
import io.screamguard.server.http.TrustedProxies;
import io.screamguard.server.http.ErrorMapper;
import io.screamguard.server.http.HealthHandler;
import io.screamguard.server.http.MetricsHandler;
import io.screamguard.server.http.OriginPolicy;
import io.screamguard.server.http.PageConfigHandler;
import io.screamguard.server.http.SecurityHeaders;
import io.screamguard.server.listen.StreamHandler;
import io.screamguard.server.listen.StreamHub;
import io.screamguard.server.location.AddressLookup;
import io.screamguard.server.location.HttpReverseGeocoder;
import io.screamguard.server.location.LocationResolver;
import io.screamguard.server.scoring.DetectorTuning;
import io.screamguard.server.scoring.Scoring;
import io.screamguard.server.store.MongoConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the server from a {@link ServerConfig} and
 * {@link ServerDependencies}, by hand, and owns their lifecycle. {@code Main} and the whole-app
 * tests both use {@link #create}.
 */
public final class ServerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);
    /** Largest WebSocket message accepted (one binary frame of audio). */
    static final long MAX_WS_MESSAGE_BYTES = 1 << 20;

    private final ServerConfig config;
    private final EmbeddedMongo embedded;
    private final EventLog events;
    private final MongoConnection db;
    private final StreamHub streams;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final io.micrometer.core.instrument.binder.jvm.JvmGcMetrics jvmGc;
    private final Javalin javalin;
    private final PrometheusMeterRegistry registry;
    private final SettingsService settings;
    private final AlertService alerts;

    private ServerApp(ServerConfig config, EmbeddedMongo embedded, EventLog events, MongoConnection db, StreamHub streams,
                      Javalin javalin, PrometheusMeterRegistry registry, SettingsService settings, AlertService alerts) {
        this.config = config;
        this.embedded = embedded;
        this.events = events;
        this.db = db;
        this.streams = streams;
        this.javalin = javalin;
        this.registry = registry;
        this.settings = settings;
        this.alerts = alerts;
        // GC pauses (jvm_gc_pause_seconds) and heap in /metrics: the load and soak runs read them
        this.jvmGc = new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics();
        jvmGc.bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    }

    /** The JSON mapper of the API: snake_case fields, ISO dates. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Builds the server (not yet listening): starts the embedded store when no MONGODB_URI is
     * set, opens the event log and the account, contact and settings stores, and configures
     * Javalin's routes, each with its {@link Access} rule.
     */
    public static ServerApp create(ServerConfig config, ServerDependencies deps) {
        StreamHub.requireQueueSeconds(config.streams().queueSeconds(), deps.scoring().model()); // before anything starts
        LiveSettings configured = startingSettings(config, deps.scoring());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServerConfig.StoreSettings store = config.store();
        EmbeddedMongo embedded = store.embedded()
                ? EmbeddedMongo.start(store.dataDir().resolve("events.mv.db"), store.embeddedPort()) : null;
        EventLog events = null;
        MongoConnection db = null;
        StreamHub streams = null;
        AlertService alerts = null;
        try {
            events = openEventLog(store, embedded, registry);
            db = MongoConnection.open(embedded != null ? embedded.connectionString() : store.mongodbUri(),
                    store.database(), store.timeoutMillis());

            ObjectMapper mapper = objectMapper();
            ServerConfig.GeocoderSettings geocoder = config.geocoder();
            LocationResolver locations = new LocationResolver(deps.ipLocator(), geocoder.enabled()
                    ? new HttpReverseGeocoder(geocoder.url(), geocoder.field(), Duration.ofMillis(geocoder.timeoutMillis()),
                    deps.clock()) : AddressLookup.NONE);
            ErrorMapper errors = new ErrorMapper(config.http().maxUploadBytes(), config.http().maxUploadSeconds());
            TrustedProxies trustedProxies = config.http().trustedProxies();
            Function<Context, String> clientIp = ctx -> ClientAddress.of(
                    java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")), ctx.req().getRemoteAddr(),
                    trustedProxies);

            ContactService contacts = new ContactService(db, config.contacts().maxContacts(),
                    config.contacts().defaultPhoneRegion(), deps.clock());
            contacts.start();
            ServerConfig.SecuritySettings security = config.security();
            SettingsService settings = new SettingsService(db, configured, deps.scoring(), deps.clock());
            settings.start();
            settings.startPolling(SettingsService.POLL);
            ServerConfig.MessagingSettings messaging = config.messaging();
            String publicBaseUrl = messaging.publicBaseUrl().isEmpty()
                    ? "http://localhost:" + config.http().port() : messaging.publicBaseUrl();
            java.net.URI twilioStatus = java.net.URI.create(publicBaseUrl + AlertsHandler.TWILIO_STATUS_PATH);
            alerts = new AlertService(db, contacts::of, List.of(new TwilioSms(messaging.twilio(), twilioStatus),
                    new TwilioVoice(messaging.twilio(), twilioStatus), new SmtpEmail(messaging.smtp())), settings::current, publicBaseUrl,
                    Duration.ofMillis((long) (messaging.retrySeconds() * 1000)), messaging.maxAttempts(),
                    Duration.ofSeconds(messaging.escalateAfterSeconds()),
                    Duration.ofSeconds(messaging.updateIntervalSeconds()),
                    Duration.ofMillis((long) (messaging.leaseSeconds() * 1000)), deps.clock());
            alerts.start();
            alerts.startClipPurge(Duration.ofDays(messaging.clipRetentionDays()), Duration.ofHours(1));
            AlertService alerting = alerts;
            AccountService accounts = new AccountService(db, new Passwords(deps.bcryptCost()), security,
                    List.of(contacts, new EventData(events), alerts), deps.clock());
            accounts.start();
            AlertsHandler alertsHandler = new AlertsHandler(alerts, new TwilioCallbacks(messaging.twilio().authToken()),
                    publicBaseUrl);

            OriginPolicy origins = new OriginPolicy(security.allowedOrigins(), trustedProxies);
            AccessGuard guard = new AccessGuard(accounts, origins, security.metricsToken());
            AccountsHandler accountsHandler = new AccountsHandler(accounts, guard, origins, clientIp, security.sessionMax());
            ContactsHandler contactsHandler = new ContactsHandler(contacts, alerting::sendTest);
            AdminHandler admin = new AdminHandler(settings, deps.scoring());
            AnalyzeHandler analyze = new AnalyzeHandler(
                    new AnalyzeService(deps.scoring(), events, locations, deps.clock(), registry, alerts),
                    config.http().maxUploadBytes(), clientIp,
                    errors.uploadTooLargeDetail(), config.http().effectiveMaxConcurrentUploads(),
                    config.http().uploadPace(), config.store().dataDir().resolve("uploads"));
            streams = new StreamHub(deps.scoring(), events, locations, mapper, deps.clock(),
                    config.streams().effectiveWorkers(), config.streams().queueSeconds(), config.streams().effectiveMaxStreams(),
                    registry, alerts, new StreamHub.Limits(config.streams().helloTimeoutSeconds(),
                            config.streams().idleTimeoutSeconds(), config.streams().admitBacklogSeconds()));
            StreamHandler streamHandler = new StreamHandler(streams,
                    ctx -> ClientAddress.of(ctx.session.getUpgradeRequest().getHeaders("X-Forwarded-For"),
                            remoteAddress(ctx), trustedProxies));
            EventsHandler eventsHandler = new EventsHandler(events);
            HealthHandler health = new HealthHandler(events, streams, deps.scoring().model());
            MetricsHandler metrics = new MetricsHandler(registry);
            StreamHub hub = streams;
            StatusHandler status = new StatusHandler(events, hub::activeStreams, alerting::queuedMessages,
                    alerting::runningCountdowns, deps.clock());
            PageConfigHandler pageConfig = new PageConfigHandler(config.web().mapTileUrl());

            Javalin javalin = Javalin.create(cfg -> {
                configureServer(cfg, config.http(), mapper, registry);
                errors.install(cfg);
                SecurityHeaders.install(cfg, config.web().mapTileSource());
                cfg.routes.beforeMatched(guard::check);
                cfg.routes.get("/health", health::health, Access.PUBLIC);
                cfg.routes.get("/health/ready", health::ready, Access.PUBLIC);
                cfg.routes.get("/metrics", metrics::scrape, Access.METRICS);

                cfg.routes.get("/api/config", pageConfig::config, Access.PUBLIC);
                cfg.routes.get("/api/auth/status", accountsHandler::status, Access.PUBLIC);
                cfg.routes.post("/api/auth/register", accountsHandler::register, Access.PUBLIC);
                cfg.routes.post("/api/auth/login", accountsHandler::login, Access.PUBLIC);
                cfg.routes.post("/api/auth/logout", accountsHandler::logout, Access.PERSON);
                cfg.routes.get("/api/account", accountsHandler::me, Access.PERSON);
                cfg.routes.put("/api/account/password", accountsHandler::changePassword, Access.PERSON);
                cfg.routes.get("/api/account/export", accountsHandler::export, Access.PERSON);
                cfg.routes.delete("/api/account", accountsHandler::delete, Access.PERSON);

                cfg.routes.post("/api/analyze", analyze::handle, Access.PERSON);
                cfg.routes.wsBeforeUpgrade("/api/stream", guard::checkUpgrade);
                cfg.routes.ws("/api/stream", streamHandler::configure, Access.PERSON);
                cfg.routes.get("/api/stream", ctx -> {
                    throw new ApiException(ApiError.UPGRADE_REQUIRED, "/api/stream is a WebSocket: connect with ws://"
                            + " (Upgrade: websocket), send the JSON hello, then binary PCM");
                }, Access.PERSON);
                cfg.routes.get("/api/events", eventsHandler::list, Access.PERSON);
                cfg.routes.get("/api/events/{id}", eventsHandler::get, Access.PERSON);
                cfg.routes.get("/api/stats", eventsHandler::stats, Access.PERSON);

                cfg.routes.get("/api/contacts", contactsHandler::list, Access.PERSON);
                cfg.routes.post("/api/contacts", contactsHandler::add, Access.PERSON);
                cfg.routes.get("/api/contacts/{id}", contactsHandler::get, Access.PERSON);
                cfg.routes.put("/api/contacts/{id}", contactsHandler::replace, Access.PERSON);
                cfg.routes.delete("/api/contacts/{id}", contactsHandler::delete, Access.PERSON);
                cfg.routes.post("/api/contacts/{id}/test", contactsHandler::test, Access.PERSON);

                cfg.routes.post("/api/incidents/{id}/cancel", alertsHandler::cancel, Access.PERSON);
                cfg.routes.get("/api/incidents/{id}/clip", alertsHandler::clip, Access.PERSON);
                cfg.routes.get("/api/alerts/channels", alertsHandler::channels, Access.PERSON);
                cfg.routes.post("/api/alerts/{id}/safe", alertsHandler::safe, Access.PERSON);
                cfg.routes.get("/api/alerts/pins", alertsHandler::pins, Access.PERSON);
                cfg.routes.put("/api/alerts/pins", alertsHandler::setPins, Access.PERSON);
                cfg.routes.get("/api/alerts/sharing", alertsHandler::sharing, Access.PERSON);
                cfg.routes.put("/api/alerts/sharing", alertsHandler::setSharing, Access.PERSON);
                // a recipient's incident page: no sign-in, the random link is the credential
                cfg.routes.get("/i/{id}", alertsHandler::page, Access.PUBLIC);
                cfg.routes.get("/api/i/{id}", alertsHandler::incident, Access.PUBLIC);
                cfg.routes.get("/api/i/{id}/clip", alertsHandler::incidentClip, Access.PUBLIC);
                cfg.routes.post("/api/i/{id}/ack", alertsHandler::acknowledge, Access.PUBLIC);
                cfg.routes.post(AlertsHandler.TWILIO_STATUS_PATH, alertsHandler::twilioStatus, Access.PUBLIC);

                cfg.routes.get("/api/admin/settings", admin::getSettings, Access.ADMIN);
                cfg.routes.put("/api/admin/settings", admin::putSettings, Access.ADMIN);
                cfg.routes.get("/api/admin/audit", admin::audit, Access.ADMIN);
                cfg.routes.get("/api/admin/model", admin::model, Access.ADMIN);
                cfg.routes.get("/api/admin/status", status::status, Access.ADMIN);
                cfg.routes.get("/api/admin/accounts", accountsHandler::list, Access.ADMIN);
                cfg.routes.post("/api/admin/accounts", accountsHandler::create, Access.ADMIN);
                cfg.routes.post("/api/admin/invitations", accountsHandler::invite, Access.ADMIN);
            });
            return new ServerApp(config, embedded, events, db, streams, javalin, registry, settings, alerts);
        } catch (RuntimeException | Error e) {
            // nothing is listening yet: release what did start (the embedded store holds the H2 file lock)
            closeQuietly(streams, e);
            closeQuietly(alerts, e);
            closeQuietly(db, e);
            closeQuietly(events, e);
            closeQuietly(embedded, e);
            throw e;
        }
    }

    /**
     * The settings the server starts with: the detector's from the scorer (the model's defaults with
     * THRESHOLD_PROBABILITY, DEBOUNCE_K/N and QUIET_RMS applied), the alerting limits from the
     * configuration, checked by the same rules an admin's change is.
     */
    private static LiveSettings startingSettings(ServerConfig config, Scoring scoring) {
        DetectorTuning t = scoring.tuning();
        ServerConfig.AlertSettings a = config.alerts();
        try {
            return new LiveSettings(t.thresholdProbability(), t.debounceK(), t.debounceN(), t.quietRms(),
                    a.countdownSeconds(), a.cooldownSeconds(), a.maxAlertsPerHour());
        } catch (LiveSettings.InvalidSetting e) {
            throw new ConfigException("the starting settings (configuration and model defaults) break a rule: "
                    + e.getMessage() + "; set the matching variable (e.g. QUIET_RMS, THRESHOLD_PROBABILITY) in .env");
        }
    }

    private static void closeQuietly(AutoCloseable part, Throwable failure) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception closing) {
            failure.addSuppressed(closing);
        }
    }

    /** Opens the event log on the embedded store or on MONGODB_URI, and logs which. */
    private static EventLog openEventLog(ServerConfig.StoreSettings store, EmbeddedMongo embedded,
                                         PrometheusMeterRegistry registry) {
        String uri = embedded != null ? embedded.connectionString() : store.mongodbUri();
        String description = embedded != null
                ? "embedded mongo-java-server (H2 file " + embedded.file().toAbsolutePath().normalize() + ")"
                : "external MongoDB " + redact(uri);
        LOG.info("event store: {}, database '{}'", description, store.database());
        return EventLog.open(uri, store.database(), store.timeoutMillis(),
                store.dataDir().resolve("spool").resolve("events.jsonl"), store.spoolMaxBytes(),
                Duration.ofMillis((long) (store.spoolRetrySeconds() * 1000)), registry, description);
    }

    /** Jetty, JSON, limits, static files and request timing. */
    private static void configureServer(JavalinConfig cfg, ServerConfig.HttpSettings http, ObjectMapper mapper,
                                        PrometheusMeterRegistry registry) {
        long maxBody = http.maxUploadBytes() + AnalyzeHandler.MULTIPART_OVERHEAD_BYTES;
        cfg.startup.showJavalinBanner = false;
        cfg.jsonMapper(new JavalinJackson(mapper, false));
        cfg.http.maxRequestSize = maxBody;
        cfg.http.prefer405over404 = true;
        cfg.jetty.host = http.host();
        cfg.jetty.port = http.port();
        cfg.jetty.multipartConfig.maxFileSize(http.maxUploadBytes(), SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(maxBody, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new io.screamguard.server.http.JsonJettyErrors()));
        cfg.jetty.modifyWebSocketServletFactory(ws -> {
            ws.setMaxBinaryMessageSize(MAX_WS_MESSAGE_BYTES);
            ws.setMaxTextMessageSize(64 * 1024);
            ws.setIdleTimeout(Duration.ofMinutes(2));
        });
        cfg.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = "/web";
            sf.location = Location.CLASSPATH;
        });
        cfg.staticFiles.enableWebjars(); // Leaflet and Chart.js under /webjars/ (see web/pom.xml)
        cfg.requestLogger.http((ctx, ms) -> Timer.builder("screamguard_http_requests")
                .tag("method", ctx.method().name())
                .tag("route", routeOf(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry).record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS));
    }

    /** The matched route template (bounded label values), or "unmatched" (404s, static files). */
    private static String routeOf(io.javalin.http.Context ctx) {
        String route = "unmatched";
        for (io.javalin.router.Endpoint e : ctx.endpoints().list()) {
            if (e.method == ctx.method()) {
                route = e.path;
            }
        }
        return route;
    }

    private static String remoteAddress(io.javalin.websocket.WsContext ctx) {
        java.net.SocketAddress a = ctx.session.getRemoteSocketAddress();
        return a instanceof java.net.InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(a);
    }

    /** A connection string without its password, for logs. */
    static String redact(String uri) {
        return uri.replaceAll("//([^:@/]+):([^@/]+)@", "//$1:***@");
    }

    /** Starts listening on HOST:PORT. */
    public ServerApp start() {
        javalin.start();
        LOG.info("ScreamGuard listening on http://{}:{}/", config.http().host(), javalin.port());
        return this;
    }

    /** The port it listens on (the real one when PORT was 0). */
    public int port() {
        return javalin.port();
    }

    /** The event log (tests inspect the database state and the spool). */
    public EventLog events() {
        return events;
    }

    /** The meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The settings in force (the alerting issue reads its limits here). */
    public SettingsService settings() {
        return settings;
    }

    /**
     * Every HTTP route as "METHOD path" with its access rule, and the WebSocket routes as
     * "WS path", read from Javalin's router (the ownership test walks them all).
     */
    public Map<String, Set<RouteRole>> routes() {
        Map<String, Set<RouteRole>> out = new TreeMap<>();
        for (ParsedEndpoint p : javalin.unsafe.internalRouter.allHttpHandlers()) {
            Endpoint e = p.endpoint;
            if (e.method.isHttpMethod()) {
                Roles roles = e.metadata(Roles.class);
                out.put(e.method.name() + " " + e.path, roles == null ? Set.of() : roles.getRoles());
            }
        }
        for (WsHandlerEntry w : javalin.unsafe.internalRouter.allWsHandlers()) {
            if (w.getType() == WsHandlerType.WEBSOCKET) {
                out.put("WS " + w.getPath(), w.getRoles());
            }
        }
        return out;
    }

    /** The alerting (tests look at countdowns). */
    public AlertService alerts() {
        return alerts;
    }

    /**
     * Tells every stream client the server is going away (close frame 1001 "server shutting down",
     * waiting a few seconds for the sockets to close), stops HTTP, then the streams (writing their
     * summaries), the alerting (a running countdown is raised into the outbox), the event log and
     * the embedded store.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // already stopped (a shutdown hook after an explicit close)
        }
        streams.goingAway();
        streams.awaitIdle(Duration.ofSeconds(3));
        javalin.stop();
        streams.close();
        alerts.close();
        settings.close();
        events.close();
        db.close();
        if (embedded != null) {
            embedded.close();
        }
        jvmGc.close();
    }
}
