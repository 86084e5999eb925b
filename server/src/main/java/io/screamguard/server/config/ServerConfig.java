package io.screamguard.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.screamguard.server.http.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole validated configuration of one server instance.
 *
 * @param http      listening address and upload limits
 * @param store     MongoDB (external or embedded), timeouts and the spool
 * @param detection model location and detector overrides
 * @param streams   live-stream worker pool and per-stream bounds
 * @param ipLocationFile optional CSV for offline IP location, empty when not set
 * @param security  accounts, sessions, origins, rate limits, the metrics token
 * @param contacts  emergency-contact limits
 * @param alerts    alerting limits (starting values; admins change them at run time)
 * @param messaging the SMS and email channels, the public address and the retry policy
 * @param ipGeo     the optional HTTP IP-geolocation provider
 * @param geocoder  the optional reverse geocoder (GEOCODER_URL)
 * @param web       what the browser pages are given (MAP_TILE_URL)
 */
public record ServerConfig(HttpSettings http, StoreSettings store, DetectionSettings detection,
                           StreamSettings streams, Optional<Path> ipLocationFile, SecuritySettings security,
                           ContactSettings contacts, AlertSettings alerts, MessagingSettings messaging,
                           IpGeoSettings ipGeo, GeocoderSettings geocoder, WebSettings web) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConfig.class);

    public ServerConfig {
        if (http == null || store == null || detection == null || streams == null || ipLocationFile == null
                || security == null || contacts == null || alerts == null || messaging == null || ipGeo == null
                || geocoder == null || web == null) {
            throw new IllegalArgumentException("every part of ServerConfig must be set, got http=" + http
                    + " store=" + store + " detection=" + detection + " streams=" + streams + " security=" + security
                    + " contacts=" + contacts + " alerts=" + alerts);
        }
    }

    /** Parses and validates resolved settings; errors name key, value, origin and fix. */
    public static ServerConfig from(ResolvedSettings s) {
        String ipFile = s.text(Setting.IP_LOCATION_FILE);
        return new ServerConfig(
                new HttpSettings(s.text(Setting.HOST), s.integer(Setting.PORT, 0, 65535),
                        s.longValue(Setting.MAX_UPLOAD_BYTES, 1, Integer.MAX_VALUE - 8),
                        s.decimal(Setting.MAX_UPLOAD_SECONDS, 0, 24 * 3600),
                        trustedProxies(s),
                        s.integer(Setting.MAX_CONCURRENT_UPLOADS, 0, 10_000),
                        new io.screamguard.server.analyze.BodyPace(
                                Duration.ofMillis((long) (s.decimal(Setting.UPLOAD_IDLE_SECONDS, 0.1, 3600) * 1000)),
                                s.longValue(Setting.UPLOAD_MIN_BYTES_PER_SECOND, 0, 1L << 30),
                                Duration.ofMillis((long) (s.decimal(Setting.UPLOAD_RATE_GRACE_SECONDS, 0, 3600) * 1000)))),
                new StoreSettings(Path.of(s.text(Setting.DATA_DIR).isEmpty() ? "./data" : s.text(Setting.DATA_DIR)),
                        s.text(Setting.MONGODB_URI), s.text(Setting.MONGODB_DATABASE),
                        s.integer(Setting.MONGODB_TIMEOUT_MS, 100, 60_000),
                        s.integer(Setting.EMBEDDED_MONGODB_PORT, 0, 65535),
                        s.decimal(Setting.SPOOL_RETRY_SECONDS, 0, 3600),
                        s.longValue(Setting.SPOOL_MAX_BYTES, 1024, Long.MAX_VALUE)),
                new DetectionSettings(s.text(Setting.MODEL_PATH).isEmpty()
                        ? Optional.empty() : Optional.of(Path.of(s.text(Setting.MODEL_PATH))),
                        s.optionalDecimal(Setting.THRESHOLD_PROBABILITY, 0, 1),
                        s.optionalInteger(Setting.DEBOUNCE_K, 1, LiveSettings.MAX_DEBOUNCE),
                        s.optionalInteger(Setting.DEBOUNCE_N, 1, LiveSettings.MAX_DEBOUNCE),
                        s.optionalDecimal(Setting.QUIET_RMS, 0, 1)),
                new StreamSettings(s.integer(Setting.STREAM_WORKERS, 0, 256),
                        s.decimal(Setting.STREAM_QUEUE_SECONDS, 0, 60),
                        s.integer(Setting.MAX_STREAMS, 0, 1_000_000),
                        s.decimal(Setting.STREAM_HELLO_TIMEOUT_SECONDS, 0.01, 3600),
                        s.decimal(Setting.STREAM_IDLE_TIMEOUT_SECONDS, 0.01, 86400),
                        s.decimal(Setting.STREAM_ADMIT_BACKLOG_SECONDS, 0.01, 3600)),
                ipFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(ipFile)),
                new SecuritySettings(s.registration(Setting.REGISTRATION), s.list(Setting.ADMIN_EMAILS),
                        Duration.ofMinutes(s.integer(Setting.SESSION_IDLE_MINUTES, 1, 525_600)),
                        Duration.ofHours(s.integer(Setting.SESSION_MAX_HOURS, 1, 87_600)),
                        s.list(Setting.ALLOWED_ORIGINS), s.text(Setting.METRICS_TOKEN),
                        s.integer(Setting.LOGIN_ATTEMPTS_PER_IP, 1, 10_000),
                        s.integer(Setting.LOGIN_ATTEMPTS_PER_ACCOUNT, 1, 10_000)),
                new ContactSettings(s.integer(Setting.MAX_CONTACTS, 1, 100),
                        s.text(Setting.DEFAULT_PHONE_REGION).toUpperCase(java.util.Locale.ROOT)),
                new AlertSettings(s.integer(Setting.COUNTDOWN_SECONDS, 0, LiveSettings.MAX_COUNTDOWN_SECONDS),
                        s.integer(Setting.ALERT_COOLDOWN_SECONDS, 0, LiveSettings.MAX_COOLDOWN_SECONDS),
                        s.integer(Setting.MAX_ALERTS_PER_HOUR, 1, LiveSettings.MAX_ALERTS_PER_HOUR_LIMIT)),
                MessagingSettings.from(s),
                new IpGeoSettings(s.text(Setting.IPGEO_URL), s.text(Setting.IPGEO_FIELDS),
                        s.decimal(Setting.IPGEO_ACCURACY_M, 0, 20_000_000), s.integer(Setting.IPGEO_TIMEOUT_MS, 50, 60_000)),
                new GeocoderSettings(s.text(Setting.GEOCODER_URL), s.text(Setting.GEOCODER_FIELD),
                        s.integer(Setting.GEOCODER_TIMEOUT_MS, 50, 60_000)),
                new WebSettings(s.text(Setting.MAP_TILE_URL)));
    }

    /**
     * TRUSTED_PROXIES, plus loopback when the deprecated TRUST_FORWARDED_FOR is true (what it meant
     * in practice: a proxy on the same machine), with a warning naming the setting to use instead.
     */
    static TrustedProxies trustedProxies(ResolvedSettings s) {
        List<String> cidrs = new java.util.ArrayList<>(s.list(Setting.TRUSTED_PROXIES));
        if (s.bool(Setting.TRUST_FORWARDED_FOR)) {
            LOG.warn("TRUST_FORWARDED_FOR=true (from {}) is deprecated and now means TRUSTED_PROXIES={}; "
                    + "set TRUSTED_PROXIES to your proxies' addresses and remove TRUST_FORWARDED_FOR",
                    s.origin(Setting.TRUST_FORWARDED_FOR), String.join(",", TrustedProxies.LOOPBACK));
            cidrs.addAll(TrustedProxies.LOOPBACK);
        }
        try {
            return TrustedProxies.parse(cidrs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.describe(Setting.TRUSTED_PROXIES) + ": " + e.getMessage()
                    + "; set TRUSTED_PROXIES to comma-separated addresses or CIDR ranges of your proxies", e);
        }
    }

    /** Defaults with the given overrides, validated (tests and tools). */
    public static ServerConfig of(java.util.Map<Setting, String> overrides) {
        return from(ResolvedSettings.of(overrides));
    }

    /**
     * @param host              interface to bind, e.g. 0.0.0.0
     * @param port              TCP port, 0 = any free port
     * @param maxUploadBytes    largest upload file accepted (default 25 MiB)
     * @param maxUploadSeconds  longest upload accepted in seconds of audio (default 600)
     * @param trustedProxies    TRUSTED_PROXIES: peers whose X-Forwarded-For / X-Forwarded-Proto are believed
     * @param maxConcurrentUploads uploads analysed at once, 0 = twice the number of cores
     * @param uploadPace        UPLOAD_IDLE_SECONDS, UPLOAD_MIN_BYTES_PER_SECOND, UPLOAD_RATE_GRACE_SECONDS
     */
    public record HttpSettings(String host, int port, long maxUploadBytes, double maxUploadSeconds,
                               TrustedProxies trustedProxies, int maxConcurrentUploads,
                               io.screamguard.server.analyze.BodyPace uploadPace) {
        public HttpSettings {
            if (uploadPace == null) {
                throw new IllegalArgumentException("uploadPace must be set (BodyPace.DEFAULT for the defaults), got null");
            }
            if (trustedProxies == null) {
                throw new IllegalArgumentException("trustedProxies must be set (TrustedProxies.NONE for none), got null");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("HOST must be an interface address such as 0.0.0.0, got '" + host + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("PORT must be between 0 and 65535, got " + port);
            }
            if (maxUploadBytes <= 0) {
                throw new IllegalArgumentException("MAX_UPLOAD_BYTES must be > 0, got " + maxUploadBytes);
            }
            if (!(maxUploadSeconds > 0)) {
                throw new IllegalArgumentException("MAX_UPLOAD_SECONDS must be > 0, got " + maxUploadSeconds);
            }
            if (maxConcurrentUploads < 0) {
                throw new IllegalArgumentException("MAX_CONCURRENT_UPLOADS must be >= 0 (0 = twice the cores), got "
                        + maxConcurrentUploads);
            }
        }

        /** The number of uploads analysed at once: {@code maxConcurrentUploads}, or twice the cores when 0. */
        public int effectiveMaxConcurrentUploads() {
            return maxConcurrentUploads > 0 ? maxConcurrentUploads : 2 * Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * @param dataDir            directory of the embedded store file and the spool
     * @param mongodbUri         connection string, empty = embedded store
     * @param database           database name
     * @param timeoutMillis      driver server-selection/connect/socket timeout
     * @param embeddedPort       port of the embedded server, 0 = free port
     * @param spoolRetrySeconds  retry period of the spool drainer
     * @param spoolMaxBytes      largest spool file
     */
    public record StoreSettings(Path dataDir, String mongodbUri, String database, int timeoutMillis,
                                int embeddedPort, double spoolRetrySeconds, long spoolMaxBytes) {
        public StoreSettings {
            if (dataDir == null) {
                throw new IllegalArgumentException("DATA_DIR must be a directory path, got null");
            }
            if (mongodbUri == null) {
                mongodbUri = "";
            }
            if (!mongodbUri.isEmpty() && !mongodbUri.startsWith("mongodb://") && !mongodbUri.startsWith("mongodb+srv://")) {
                throw new IllegalArgumentException("MONGODB_URI must start with mongodb:// or mongodb+srv://, got '"
                        + mongodbUri + "'; leave it empty to use the embedded store");
            }
            if (database == null || !database.matches("[A-Za-z0-9_-]{1,63}")) {
                throw new IllegalArgumentException("MONGODB_DATABASE must be 1-63 letters, digits, _ or -, got '" + database + "'");
            }
            if (timeoutMillis < 100) {
                throw new IllegalArgumentException("MONGODB_TIMEOUT_MS must be >= 100, got " + timeoutMillis);
            }
            if (!(spoolRetrySeconds > 0)) {
                throw new IllegalArgumentException("SPOOL_RETRY_SECONDS must be > 0, got " + spoolRetrySeconds);
            }
            if (spoolMaxBytes < 1024) {
                throw new IllegalArgumentException("SPOOL_MAX_BYTES must be >= 1024, got " + spoolMaxBytes);
            }
        }

        /** True when no MONGODB_URI is set and the embedded store is used. */
        public boolean embedded() {
            return mongodbUri.isEmpty();
        }
    }

    /**
     * @param modelPath            model directory, empty = the shipped model
     * @param thresholdProbability override of the model's recommended threshold, in (0, 1]
     * @param debounceK            override: windows above threshold within debounceN
     * @param debounceN            override: window count of the k-of-n debounce
     * @param quietRms             override of the loudness gate (linear RMS)
     */
    public record DetectionSettings(Optional<Path> modelPath, Optional<Double> thresholdProbability,
                                    Optional<Integer> debounceK, Optional<Integer> debounceN,
                                    Optional<Double> quietRms) {
        public DetectionSettings {
            if (debounceK.isPresent() && debounceN.isPresent() && debounceK.get() > debounceN.get()) {
                throw new IllegalArgumentException("DEBOUNCE_K must be <= DEBOUNCE_N, got k=" + debounceK.get()
                        + " n=" + debounceN.get() + "; lower DEBOUNCE_K or raise DEBOUNCE_N");
            }
        }
    }

    /**
     * @param workers      scoring threads, 0 = number of cores
     * @param queueSeconds audio per stream allowed to wait before frames are dropped
     * @param maxStreams   concurrent live streams, 0 for {@value #STREAMS_PER_CORE} per core
     * @param helloTimeoutSeconds a socket without a valid hello this long after connecting is closed
     * @param idleTimeoutSeconds  a stream without audio this long is closed
     * @param admitBacklogSeconds new streams are refused while the scoring is this far behind
     */
    public record StreamSettings(int workers, double queueSeconds, int maxStreams, double helloTimeoutSeconds,
                                 double idleTimeoutSeconds, double admitBacklogSeconds) {
        public StreamSettings {
            if (!(admitBacklogSeconds > 0)) {
                throw new IllegalArgumentException("STREAM_ADMIT_BACKLOG_SECONDS must be > 0, got " + admitBacklogSeconds);
            }
            if (!(helloTimeoutSeconds > 0)) {
                throw new IllegalArgumentException("STREAM_HELLO_TIMEOUT_SECONDS must be > 0, got " + helloTimeoutSeconds);
            }
            if (!(idleTimeoutSeconds > 0)) {
                throw new IllegalArgumentException("STREAM_IDLE_TIMEOUT_SECONDS must be > 0, got " + idleTimeoutSeconds);
            }
            if (workers < 0) {
                throw new IllegalArgumentException("STREAM_WORKERS must be >= 0, got " + workers);
            }
            if (!(queueSeconds > 0)) {
                throw new IllegalArgumentException("STREAM_QUEUE_SECONDS must be > 0, got " + queueSeconds);
            }
            if (maxStreams < 0) {
                throw new IllegalArgumentException("MAX_STREAMS must be >= 0 (0 for " + STREAMS_PER_CORE
                        + " per core), got " + maxStreams);
            }
        }

        /**
         * Live streams at 16 kHz one core holds at the decision-latency target (1400 measured on two
         * cores with the load generator beside the server; docs/benchmarks.md).
         */
        public static final int STREAMS_PER_CORE = 700;

        /** The stream limit to use: {@code maxStreams}, or {@value #STREAMS_PER_CORE} per core when 0. */
        public int effectiveMaxStreams() {
            return maxStreams > 0 ? maxStreams : STREAMS_PER_CORE * Runtime.getRuntime().availableProcessors();
        }

        /** The worker count to use: {@code workers}, or the number of cores when 0. */
        public int effectiveWorkers() {
            return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        }
    }

    /** Who may create an account (REGISTRATION). */
    public enum Registration {
        /** Anyone who reaches the server. */
        OPEN,
        /** An admin creates the account or an invitation link (the default). */
        INVITE,
        /** Nobody (besides the first account on an empty database). */
        CLOSED
    }

    /**
     * @param registration            who may create an account
     * @param adminEmails             emails whose accounts are admins (lower case)
     * @param sessionIdle             a session unused this long expires
     * @param sessionMax              a session expires this long after sign-in
     * @param allowedOrigins          origins allowed besides the server's own (scheme://host[:port])
     * @param metricsToken            bearer token for /metrics, empty = open
     * @param loginAttemptsPerIp      sign-in and registration attempts per address per minute
     * @param loginAttemptsPerAccount sign-in attempts per email per minute
     */
    public record SecuritySettings(Registration registration, List<String> adminEmails, Duration sessionIdle,
                                   Duration sessionMax, List<String> allowedOrigins, String metricsToken,
                                   int loginAttemptsPerIp, int loginAttemptsPerAccount) {
        public SecuritySettings {
            if (registration == null) {
                throw new IllegalArgumentException("REGISTRATION must be open, invite or closed, got null");
            }
            adminEmails = adminEmails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toList();
            if (sessionIdle.compareTo(sessionMax) > 0) {
                throw new IllegalArgumentException("SESSION_IDLE_MINUTES (" + sessionIdle.toMinutes()
                        + ") must not exceed SESSION_MAX_HOURS (" + sessionMax.toHours() + " h); lower the idle limit");
            }
            for (String origin : allowedOrigins) {
                if (!origin.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
                    throw new IllegalArgumentException("ALLOWED_ORIGINS entries must be scheme://host[:port] without a"
                            + " path, got '" + origin + "'");
                }
            }
            allowedOrigins = List.copyOf(allowedOrigins);
            metricsToken = metricsToken == null ? "" : metricsToken;
        }
    }

    /**
     * @param maxContacts        emergency contacts per person
     * @param defaultPhoneRegion two-letter region for national phone numbers, empty = international format only
     */
    public record ContactSettings(int maxContacts, String defaultPhoneRegion) {
        public ContactSettings {
            if (maxContacts < 1) {
                throw new IllegalArgumentException("MAX_CONTACTS must be >= 1, got " + maxContacts);
            }
            if (!defaultPhoneRegion.isEmpty() && !defaultPhoneRegion.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("DEFAULT_PHONE_REGION must be two letters such as GB or US, got '"
                        + defaultPhoneRegion + "'");
            }
        }
    }

    /**
     * Starting values of the alerting limits (see {@link LiveSettings} for their rules).
     *
     * @param countdownSeconds cancel countdown, 0 = send at once
     * @param cooldownSeconds  incidents within this of an alert join it
     * @param maxAlertsPerHour alerts per person per hour
     */
    public record AlertSettings(int countdownSeconds, int cooldownSeconds, int maxAlertsPerHour) {
    }

    /**
     * @param url            provider URL with {ip}, empty = off
     * @param fields         "latitude,longitude,accuracy,address" JSON paths
     * @param accuracyMeters accuracy when the provider gives none
     * @param timeoutMillis  timeout of one lookup
     */
    public record IpGeoSettings(String url, String fields, double accuracyMeters, int timeoutMillis) {
        public IpGeoSettings {
            if (!url.isEmpty() && (!url.matches("https?://.+") || !url.contains("{ip}"))) {
                throw new IllegalArgumentException("IPGEO_URL must be an http(s) URL with an {ip} placeholder, got '"
                        + url + "'");
            }
        }

        /** True when a provider is set. */
        public boolean enabled() {
            return !url.isEmpty();
        }
    }

    /**
     * @param url           Nominatim-style URL with {lat} and {lon}, empty = off
     * @param field         dotted JSON path of the address in the answer
     * @param timeoutMillis timeout of one lookup
     */
    public record GeocoderSettings(String url, String field, int timeoutMillis) {
        public GeocoderSettings {
            if (!url.isEmpty() && (!url.matches("https?://.+") || !url.contains("{lat}") || !url.contains("{lon}"))) {
                throw new IllegalArgumentException("GEOCODER_URL must be an http(s) URL with {lat} and {lon} placeholders"
                        + " (e.g. https://nominatim.openstreetmap.org/reverse?format=jsonv2&lat={lat}&lon={lon}), got '" + url + "'");
            }
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("GEOCODER_FIELD must name the address field, e.g. display_name, got '"
                        + field + "'");
            }
            if (timeoutMillis <= 0) {
                throw new IllegalArgumentException("GEOCODER_TIMEOUT_MS must be > 0, got " + timeoutMillis);
            }
        }

        /** True when a geocoder is set. */
        public boolean enabled() {
            return !url.isEmpty();
        }
    }

    /**
     * What the browser pages are given.
     *
     * @param mapTileUrl Leaflet tile URL template (http(s), with {z}, {x} and {y}; {s} subdomains
     *                   allowed), empty = maps without tiles
     */
    public record WebSettings(String mapTileUrl) {
        public WebSettings {
            if (mapTileUrl == null) {
                throw new IllegalArgumentException("MAP_TILE_URL must be a URL template or empty, got null");
            }
            if (!mapTileUrl.isEmpty() && (!mapTileUrl.matches("https?://[A-Za-z0-9.{}:\\-]+/.*")
                    || !mapTileUrl.contains("{z}") || !mapTileUrl.contains("{x}") || !mapTileUrl.contains("{y}"))) {
                throw new IllegalArgumentException("MAP_TILE_URL must be an http(s) URL with {z}, {x} and {y} placeholders"
                        + " (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png), got '" + mapTileUrl + "'");
            }
            if (host(mapTileUrl).contains("{s}") && !host(mapTileUrl).startsWith("{s}.")) {
                throw new IllegalArgumentException("MAP_TILE_URL may use {s} only as the first label of the host"
                        + " (https://{s}.tile.example.org/{z}/{x}/{y}.png), got '" + mapTileUrl + "'");
            }
        }

        private static String host(String url) {
            if (url.isEmpty()) {
                return "";
            }
            int start = url.indexOf("://") + 3;
            return url.substring(start, url.indexOf('/', start));
        }

        /**
         * The Content-Security-Policy source of the tile server, e.g. {@code https://tile.openstreetmap.org}
         * or {@code https://*.tile.example.org} for a {s} subdomain template; empty without tiles.
         */
        public java.util.Optional<String> mapTileSource() {
            if (mapTileUrl.isEmpty()) {
                return java.util.Optional.empty();
            }
            String scheme = mapTileUrl.substring(0, mapTileUrl.indexOf("://"));
            return java.util.Optional.of(scheme + "://" + host(mapTileUrl).replace("{s}", "*"));
        }
    }

    /**
     * The alert channels and how deliveries are retried. A channel whose credentials are missing is
     * off: its recipients are recorded as {@code skipped_not_configured} and everything else works.
     *
     * @param twilio        SMS through Twilio
     * @param smtp          email through SMTP
     * @param publicBaseUrl scheme://host[:port] people reach the server at, empty = http://localhost:PORT
     * @param retrySeconds  first retry delay of a transient failure (doubles per attempt, with jitter)
     * @param maxAttempts   send attempts per message, 1..20
     * @param escalateAfterSeconds an alert nobody acknowledged within this is sent once more; 0 = never
     * @param updateIntervalSeconds incidents joining an alert send at most one update per this many seconds
     * @param clipRetentionDays days incident clips are kept, 1..3650
     * @param leaseSeconds  how long an instance holds a message it sends (OUTBOX_LEASE_SECONDS)
     */
    public record MessagingSettings(TwilioSettings twilio, SmtpSettings smtp, String publicBaseUrl, double retrySeconds,
                                    int maxAttempts, int escalateAfterSeconds, int updateIntervalSeconds,
                                    int clipRetentionDays, double leaseSeconds) {
        public MessagingSettings {
            if (clipRetentionDays < 1 || clipRetentionDays > 3650) {
                throw new IllegalArgumentException("CLIP_RETENTION_DAYS must be 1..3650, got " + clipRetentionDays);
            }
            if (!publicBaseUrl.isEmpty() && !publicBaseUrl.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
                throw new IllegalArgumentException("PUBLIC_BASE_URL must be scheme://host[:port] without a path, got '"
                        + publicBaseUrl + "'");
            }
            if (!(retrySeconds > 0)) {
                throw new IllegalArgumentException("ALERT_RETRY_SECONDS must be > 0, got " + retrySeconds);
            }
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("ALERT_MAX_ATTEMPTS must be 1..20, got " + maxAttempts);
            }
            if (!(leaseSeconds >= 0.3)) {
                throw new IllegalArgumentException("OUTBOX_LEASE_SECONDS must be >= 0.3, got " + leaseSeconds);
            }
        }

        static MessagingSettings from(ResolvedSettings s) {
            return new MessagingSettings(
                    new TwilioSettings(s.text(Setting.TWILIO_ACCOUNT_SID), s.text(Setting.TWILIO_AUTH_TOKEN),
                            s.text(Setting.TWILIO_FROM_NUMBER), s.text(Setting.TWILIO_MESSAGING_SERVICE_SID),
                            s.text(Setting.TWILIO_API_BASE_URL)),
                    new SmtpSettings(s.text(Setting.SMTP_HOST), s.integer(Setting.SMTP_PORT, 1, 65535),
                            s.text(Setting.SMTP_USERNAME), s.text(Setting.SMTP_PASSWORD),
                            s.text(Setting.SMTP_SECURITY).toLowerCase(java.util.Locale.ROOT), s.text(Setting.MAIL_FROM)),
                    s.text(Setting.PUBLIC_BASE_URL).replaceAll("/+$", ""),
                    s.decimal(Setting.ALERT_RETRY_SECONDS, 0, 3600),
                    s.integer(Setting.ALERT_MAX_ATTEMPTS, 1, 20),
                    s.integer(Setting.ESCALATE_AFTER_SECONDS, 0, 86_400),
                    s.integer(Setting.ALERT_UPDATE_SECONDS, 1, 86_400),
                    s.integer(Setting.CLIP_RETENTION_DAYS, 1, 3650),
                    s.decimal(Setting.OUTBOX_LEASE_SECONDS, 0, 86_400));
        }
    }

    /**
     * @param accountSid          AC..., empty = SMS off
     * @param authToken           the account's auth token
     * @param fromNumber          E.164 sender, or empty with a messaging service
     * @param messagingServiceSid MG..., or empty with a from number
     * @param apiBaseUrl          scheme://host[:port] of a Twilio API fake, empty = Twilio's own
     */
    public record TwilioSettings(String accountSid, String authToken, String fromNumber, String messagingServiceSid,
                                 String apiBaseUrl) {
        public TwilioSettings {
            if (!apiBaseUrl.isEmpty() && !apiBaseUrl.matches("https?://[A-Za-z0-9.\\[\\]-]+(:\\d+)?/?")) {
                throw new IllegalArgumentException("TWILIO_API_BASE_URL must be scheme://host[:port], got '" + apiBaseUrl + "'");
            }
            if (!accountSid.isEmpty() && (authToken.isEmpty() || (fromNumber.isEmpty() && messagingServiceSid.isEmpty()))) {
                throw new IllegalArgumentException("TWILIO_ACCOUNT_SID is set but TWILIO_AUTH_TOKEN or a sender"
                        + " (TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID) is missing; set them or clear TWILIO_ACCOUNT_SID");
            }
        }

        /** True when SMS can be sent. */
        public boolean configured() {
            return !accountSid.isEmpty();
        }
    }

    /**
     * @param host     SMTP server, empty = email off
     * @param port     SMTP port
     * @param username user name, empty = no authentication
     * @param password password (an app password for Gmail)
     * @param security starttls, ssl or none
     * @param mailFrom sender address, empty = the user name
     */
    public record SmtpSettings(String host, int port, String username, String password, String security,
                               String mailFrom) {
        public SmtpSettings {
            if (!java.util.Set.of("starttls", "ssl", "none").contains(security)) {
                throw new IllegalArgumentException("SMTP_SECURITY must be starttls, ssl or none, got '" + security + "'");
            }
            if (!host.isEmpty() && mailFrom.isEmpty() && username.isEmpty()) {
                throw new IllegalArgumentException("SMTP_HOST is set but neither MAIL_FROM nor SMTP_USERNAME names a"
                        + " sender; set MAIL_FROM=alerts@example.org");
            }
        }

        /** True when email can be sent. */
        public boolean configured() {
            return !host.isEmpty();
        }

        /** The sender address. */
        public String from() {
            return mailFrom.isEmpty() ? username : mailFrom;
        }
    }
}
