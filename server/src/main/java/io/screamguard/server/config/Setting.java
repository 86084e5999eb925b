package io.screamguard.server.config;

/**
 * Every setting the server reads, with its environment-variable name, built-in default and a
 * one-line description. The YAML key is the lower-case name ({@code PORT} -> {@code port}).
 *
 * <p>This enum is the single list behind {@code .env.example} and the README table: add a
 * setting here first.
 */
public enum Setting {
    PORT("8080", "HTTP port; 0 picks a free port."),
    HOST("0.0.0.0", "Interface to listen on."),
    DATA_DIR("./data", "Directory for the embedded MongoDB file and the event spool."),
    MONGODB_URI("", "MongoDB connection string; empty starts the embedded store under DATA_DIR."),
    MONGODB_DATABASE("screamguard", "Database name for the event log."),
    MONGODB_TIMEOUT_MS("2000", "Server-selection, connect and socket timeout for MongoDB calls."),
    EMBEDDED_MONGODB_PORT("0", "Port of the embedded MongoDB-protocol server (0 = a free port, on 127.0.0.1)."),
    MODEL_PATH("", "Model directory (model.json + forest); empty uses the model shipped in the jar."),
    MAX_UPLOAD_BYTES("26214400", "Largest accepted upload in bytes (413 above)."),
    MAX_UPLOAD_SECONDS("600", "Longest accepted upload in seconds of audio (413 above)."),
    MAX_CONCURRENT_UPLOADS("0", "Uploads analysed at once (each is decoded and scored as a stream in a few MB of memory; its file waits under DATA_DIR/uploads); more get 503 busy with Retry-After. A slot is taken only once the whole body has arrived. 0 = twice the number of CPU cores."),
    UPLOAD_IDLE_SECONDS("30", "An upload whose body stalls (no bytes) for this many seconds is refused with 408 request_timeout."),
    UPLOAD_MIN_BYTES_PER_SECOND("4096", "Lowest average rate of an upload body once UPLOAD_RATE_GRACE_SECONDS have passed; slower bodies are refused with 408 request_timeout. 0 = no minimum."),
    UPLOAD_RATE_GRACE_SECONDS("10", "Seconds an upload body may take before UPLOAD_MIN_BYTES_PER_SECOND is checked."),
    THRESHOLD_PROBABILITY("", "Scream threshold in (0, 1]; empty uses the model's recommended threshold."),
    DEBOUNCE_K("", "Windows at or above the threshold needed within DEBOUNCE_N to confirm an incident; empty = the model's value."),
    DEBOUNCE_N("", "Window count of the k-of-n debounce; empty = the model's value."),
    QUIET_RMS("", "Windows with a linear RMS below this are not scored (counted as quiet); empty = the model's value."),
    STREAM_WORKERS("0", "Threads scoring live streams; 0 = number of CPU cores."),
    STREAM_QUEUE_SECONDS("1.5", "Seconds of audio a live stream may have waiting to be scored; at least one model window plus one hop (1.5 s for the shipped model; smaller values are refused at start). Beyond it the socket is not read (a client sending faster than real time is slowed, not dropped); audio waiting longer than this means the server is behind real time, and whole hops of the oldest audio are dropped (counted in dropped_windows)."),
    MAX_STREAMS("0", "Concurrent live streams; further sockets are closed with 1013 (try again later). 0 means 700 per core, what one core holds at 16 kHz on time (measure your machine with screamguard-cli loadgen and set it; 48 kHz streams cost more than twice as much). A socket counts from its connection, so idle ones are closed by the two timeouts below."),
    STREAM_HELLO_TIMEOUT_SECONDS("10", "A stream socket that sends no valid hello within this many seconds of connecting is closed with 1008 (freeing its MAX_STREAMS slot)."),
    STREAM_IDLE_TIMEOUT_SECONDS("30", "A stream that sends no audio for this many seconds after its hello or its last audio is closed with 1008 (freeing its MAX_STREAMS slot)."),
    STREAM_ADMIT_BACKLOG_SECONDS("0.5", "A new stream socket is closed with 1013 (try again later) while the oldest live hop waiting for a scoring thread has waited longer than this many seconds: a server that cannot keep up takes no more streams, so the ones it has stay on time (the monitor page retries with backoff). Metric screamguard_scoring_backlog_seconds; refusals in screamguard_streams_refused_total{reason}."),
    SPOOL_RETRY_SECONDS("5", "How often the spool of unwritten events is retried while MongoDB is down."),
    SPOOL_MAX_BYTES("1073741824", "Largest size of the event spool file; while MongoDB is down and the spool is full (or its disk is), new events are lost with an ERROR log and screamguard_events_lost_total, and scoring goes on."),
    TRUSTED_PROXIES("", "Comma-separated IPv4/IPv6 addresses or CIDR ranges (10.0.0.0/8, fd00::/8, 127.0.0.1) of your reverse proxies. Only when the direct peer is one of them are X-Forwarded-For (the rightmost entry that is not itself a trusted proxy is the client) and X-Forwarded-Proto (the Secure cookie flag) believed; empty = the peer is always the client."),
    TRUST_FORWARDED_FOR("false", "Deprecated, use TRUSTED_PROXIES: true adds 127.0.0.0/8 and ::1 (a proxy on this machine) to TRUSTED_PROXIES and logs a warning at start."),
    IP_LOCATION_FILE("", "Optional CSV (cidr,latitude,longitude,accuracy_m,address) for offline IP location."),
    IPGEO_URL("", "IP geolocation through an HTTP JSON provider, e.g. https://provider.example/json/{ip} ({ip} is replaced); empty = off, no address leaves the server. Tried after IP_LOCATION_FILE; private and loopback addresses are never looked up."),
    IPGEO_FIELDS("latitude,longitude,,city", "Where the provider's JSON answer has latitude,longitude,accuracy in metres,place name: dotted paths, the last two may be empty."),
    IPGEO_ACCURACY_M("5000", "Accuracy in metres of an IP position when the provider gives none."),
    IPGEO_TIMEOUT_MS("1500", "Timeout of one IP lookup; lookups run in the background and are cached for 6 hours."),
    GEOCODER_URL("", "Reverse geocoding of positions to an address through a Nominatim-style service, e.g. https://nominatim.openstreetmap.org/reverse?format=jsonv2&lat={lat}&lon={lon} ({lat} and {lon} are replaced by coordinates rounded to about 11 m); empty = off, no position leaves the server. Lookups run in the background, at most one a second, and are cached for 24 hours."),
    GEOCODER_FIELD("display_name", "Dotted JSON path of the address in the geocoder's answer (display_name for Nominatim)."),
    GEOCODER_TIMEOUT_MS("1500", "Timeout of one reverse-geocoding lookup."),
    MAP_TILE_URL("", "Map tiles of the history and incident pages, a Leaflet URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png ({s} for subdomains allowed); the pages' Content-Security-Policy then allows images from its origin. Empty = no tiles: the maps show their markers on a plain background and no request leaves for a tile server."),
    REGISTRATION("invite", "Who may create an account: open (anyone), invite (an admin creates the account or an invitation link), closed (nobody). The first account on an empty database may always be created and is an admin."),
    ADMIN_EMAILS("", "Comma-separated emails of accounts that are admins (besides the first account)."),
    SESSION_IDLE_MINUTES("1440", "A sign-in session unused for this many minutes expires."),
    SESSION_MAX_HOURS("720", "A sign-in session expires this many hours after signing in, however active."),
    ALLOWED_ORIGINS("", "Comma-separated origins (https://host[:port]) allowed besides the server's own to open /api/stream and send state-changing requests."),
    METRICS_TOKEN("", "When set, GET /metrics needs 'Authorization: Bearer <token>'; empty leaves /metrics open (keep it off the internet)."),
    LOGIN_ATTEMPTS_PER_IP("10", "Sign-in and registration attempts per client address per minute; more get 429 with Retry-After."),
    LOGIN_ATTEMPTS_PER_ACCOUNT("5", "Sign-in attempts per account (email) per minute; more get 429 with Retry-After."),
    MAX_CONTACTS("5", "Emergency contacts per person."),
    DEFAULT_PHONE_REGION("", "Region (two letters, e.g. GB) for phone numbers written without +country code when the person set none; empty requires the international format."),
    COUNTDOWN_SECONDS("10", "Cancel countdown before an alert is sent (0 sends at once); an admin can change it at run time."),
    ALERT_COOLDOWN_SECONDS("120", "Incidents of the same person within this many seconds of an alert join it; an admin can change it at run time."),
    MAX_ALERTS_PER_HOUR("6", "Alerts per person per hour; an admin can change it at run time."),
    PUBLIC_BASE_URL("", "The address people reach this server at (https://host[:port], no path): the incident links in messages and Twilio's status callback URL are built from it; empty = http://localhost:PORT (links then only work on this machine)."),
    TWILIO_ACCOUNT_SID("", "Twilio account SID (AC...); with TWILIO_AUTH_TOKEN and a sender it turns SMS on. Empty = SMS recipients are recorded as skipped_not_configured."),
    TWILIO_AUTH_TOKEN("", "Twilio auth token (also verifies the X-Twilio-Signature of status callbacks)."),
    TWILIO_FROM_NUMBER("", "Sending number in E.164 (+15005550006); or set TWILIO_MESSAGING_SERVICE_SID."),
    TWILIO_MESSAGING_SERVICE_SID("", "Twilio messaging service (MG...) to send from instead of TWILIO_FROM_NUMBER."),
    TWILIO_API_BASE_URL("", "Where the Twilio SDK sends its requests (scheme://host[:port]); empty = Twilio's own API. For staging and tests with a local fake."),
    SMTP_HOST("", "SMTP server for email alerts (e.g. smtp.gmail.com); empty = email recipients are recorded as skipped_not_configured."),
    SMTP_PORT("587", "SMTP port: 587 for starttls, 465 for ssl, 25 for none."),
    SMTP_USERNAME("", "SMTP user name (for Gmail, the full address); empty = no authentication."),
    SMTP_PASSWORD("", "SMTP password (for Gmail, an app password)."),
    SMTP_SECURITY("starttls", "SMTP transport security: starttls (required), ssl (TLS from the first byte) or none (only for a local relay)."),
    MAIL_FROM("", "Sender address of alert emails; empty = SMTP_USERNAME."),
    ALERT_RETRY_SECONDS("5", "First wait before a transient send failure (timeout, 5xx, SMTP 4xx) is retried; it doubles each attempt, with jitter."),
    ALERT_MAX_ATTEMPTS("6", "Send attempts per message before it is marked failed."),
    OUTBOX_LEASE_SECONDS("60", "How long an instance holds a message it is sending (renewed every third of it while the send runs) and its running cancel countdowns (renewed every second); when an instance dies, another instance (or its restart) takes its messages and countdowns over after this. At least the longest send (SMTP or Twilio timeout)."),
    ALERT_UPDATE_SECONDS("60", "Incidents that join an open alert (within ALERT_COOLDOWN_SECONDS) send the contacts at most one update, with the newest position, per this many seconds."),
    ESCALATE_AFTER_SECONDS("300", "An alert no contact acknowledged (\"I'm on my way\" on the incident page) within this many seconds is sent once more to every contact; 0 = never."),
    CLIP_RETENTION_DAYS("30", "Days an incident's audio clip (10 s before to 10 s after a live incident) is kept; a purge job deletes older clips every hour (the embedded store ignores TTL indexes). 1..3650.");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The environment-variable (and {@code .env}) name, e.g. {@code MAX_UPLOAD_BYTES}. */
    public String envName() {
        return name();
    }

    /** The key in {@code config/application.yaml}, e.g. {@code max_upload_bytes}. */
    public String yamlKey() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The built-in default as text; empty means "not set". */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line saying what the setting does. */
    public String description() {
        return description;
    }

    /**
     * The text of {@code .env.example}: every setting with its description and default. The
     * committed file must equal this (a test checks); regenerate it from here after editing a setting.
     */
    public static String envExample() {
        StringBuilder b = new StringBuilder()
                .append("# ScreamGuard server settings. Copy to .env (or set environment variables) to override\n")
                .append("# config/application.yaml. Precedence: defaults < config/application.yaml < .env < environment.\n")
                .append("# Every setting is listed with its default; empty means \"not set\".\n\n");
        for (Setting s : values()) {
            b.append(s.ordinal() == 0 ? "" : "\n").append("# ").append(s.description).append('\n')
                    .append(s.envName()).append('=').append(s.defaultValue).append('\n');
        }
        return b.toString();
    }
}
