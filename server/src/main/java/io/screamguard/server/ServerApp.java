package io.screamguard.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.screamguard.server.analyze.AnalyzeHandler;
import io.screamguard.server.analyze.AnalyzeService;
import io.screamguard.server.config.ServerConfig;
import io.screamguard.server.embedded.EmbeddedMongo;
import io.screamguard.server.events.EventLog;
import io.screamguard.server.events.EventsHandler;
import io.screamguard.server.http.ApiError;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.http.ClientAddress;
import io.screamguard.server.http.ErrorMapper;
import io.screamguard.server.http.HealthHandler;
import io.screamguard.server.http.MetricsHandler;
import io.screamguard.server.listen.StreamHandler;
import io.screamguard.server.listen.StreamHub;
import io.screamguard.server.location.LocationResolver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
    private final StreamHub streams;
    private final Javalin javalin;
    private final PrometheusMeterRegistry registry;

    private ServerApp(ServerConfig config, EmbeddedMongo embedded, EventLog events, StreamHub streams,
                      Javalin javalin, PrometheusMeterRegistry registry) {
        this.config = config;
        this.embedded = embedded;
        this.events = events;
        this.streams = streams;
        this.javalin = javalin;
        this.registry = registry;
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
     * set, opens the event log, and configures Javalin's routes.
     */
    public static ServerApp create(ServerConfig config, ServerDependencies deps) {
        StreamHub.requireQueueSeconds(config.streams().queueSeconds(), deps.scoring().model()); // before anything starts
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServerConfig.StoreSettings store = config.store();
        EmbeddedMongo embedded = store.embedded()
                ? EmbeddedMongo.start(store.dataDir().resolve("events.mv.db"), store.embeddedPort()) : null;
        EventLog events = null;
        StreamHub streams = null;
        try {
            events = openEventLog(store, embedded, registry);

            ObjectMapper mapper = objectMapper();
            LocationResolver locations = new LocationResolver(deps.ipLocator());
            ErrorMapper errors = new ErrorMapper(config.http().maxUploadBytes(), config.http().maxUploadSeconds());
            boolean trustProxy = config.http().trustForwardedFor();
            AnalyzeHandler analyze = new AnalyzeHandler(
                    new AnalyzeService(deps.scoring(), events, locations, deps.clock(), registry),
                    config.http().maxUploadBytes(),
                    ctx -> ClientAddress.of(forwardedFor(java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For"))),
                            ctx.ip(), trustProxy),
                    errors.uploadTooLargeDetail(), config.http().effectiveMaxConcurrentUploads());
            streams = new StreamHub(deps.scoring(), events, locations, mapper, deps.clock(),
                    config.streams().effectiveWorkers(), config.streams().queueSeconds(), config.streams().maxStreams(),
                    registry);
            StreamHandler streamHandler = new StreamHandler(streams,
                    ctx -> ClientAddress.of(forwardedFor(ctx.session.getUpgradeRequest().getHeaders("X-Forwarded-For")),
                            remoteAddress(ctx), trustProxy));
            EventsHandler eventsHandler = new EventsHandler(events);
            HealthHandler health = new HealthHandler(events, streams, deps.scoring().model());
            MetricsHandler metrics = new MetricsHandler(registry);

            Javalin javalin = Javalin.create(cfg -> {
                configureServer(cfg, config.http(), mapper, registry);
                errors.install(cfg);
                cfg.routes.post("/api/analyze", analyze::handle);
                cfg.routes.ws("/api/stream", streamHandler::configure);
                cfg.routes.get("/api/stream", ctx -> {
                    throw new ApiException(ApiError.UPGRADE_REQUIRED, "/api/stream is a WebSocket: connect with ws://"
                            + " (Upgrade: websocket), send the JSON hello, then binary PCM");
                });
                cfg.routes.get("/api/events", eventsHandler::list);
                cfg.routes.get("/api/events/{id}", eventsHandler::get);
                cfg.routes.get("/api/stats", eventsHandler::stats);
                cfg.routes.get("/health", health::health);
                cfg.routes.get("/health/ready", health::ready);
                cfg.routes.get("/metrics", metrics::scrape);
            });
            return new ServerApp(config, embedded, events, streams, javalin, registry);
        } catch (RuntimeException | Error e) {
            // nothing is listening yet: release what did start (the embedded store holds the H2 file lock)
            closeQuietly(streams, e);
            closeQuietly(events, e);
            closeQuietly(embedded, e);
            throw e;
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
                store.dataDir().resolve("spool").resolve("events.jsonl"),
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

    /** Every X-Forwarded-For header of a request, joined in order (null when none). */
    private static String forwardedFor(java.util.List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
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

    /** Stops HTTP, then the streams (writing their summaries), the event log and the embedded store. */
    @Override
    public void close() {
        javalin.stop();
        streams.close();
        events.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
