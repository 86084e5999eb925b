package io.screamguard.server.location;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverse geocoding through a Nominatim-style HTTP JSON service (GEOCODER_URL with {@code {lat}}
 * and {@code {lon}} placeholders; the address is the JSON field GEOCODER_FIELD, {@code display_name}
 * for Nominatim). Never blocks its caller: a lookup answers from the cache, and a miss starts one
 * background request (with GEOCODER_TIMEOUT_MS) and answers empty; the stream's first position
 * warms the cache, so an incident minutes later has its address. Coordinates are rounded to 4
 * decimals (about 11 m) before they are sent and cached. At most one request per second is started
 * (the public Nominatim's usage policy); a lookup refused by that limit is tried again on the next
 * call. Answers, found or not, are cached for {@link #CACHE_TTL}. Thread-safe.
 */
public final class HttpReverseGeocoder implements AddressLookup {
    private static final Logger LOG = LoggerFactory.getLogger(HttpReverseGeocoder.class);
    /** How long an answer is kept. */
    static final Duration CACHE_TTL = Duration.ofHours(24);
    /** Least time between two requests started. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final String urlTemplate;
    private final String field;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final BackgroundLookup<String> lookups;
    private Instant lastRequest = Instant.MIN;

    /**
     * @param urlTemplate e.g. {@code https://nominatim.openstreetmap.org/reverse?format=jsonv2&lat={lat}&lon={lon}}
     * @param field       dotted JSON path of the address in the answer, e.g. {@code display_name}
     * @param timeout     connect and answer timeout of one lookup
     * @param clock       cache expiry and the request interval
     */
    public HttpReverseGeocoder(String urlTemplate, String field, Duration timeout, Clock clock) {
        if (urlTemplate == null || !urlTemplate.matches("https?://.+") || !urlTemplate.contains("{lat}")
                || !urlTemplate.contains("{lon}")) {
            throw new IllegalArgumentException("GEOCODER_URL must be an http(s) URL with {lat} and {lon} placeholders, got '"
                    + urlTemplate + "'");
        }
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("GEOCODER_FIELD must name the address field, e.g. display_name, got '"
                    + field + "'");
        }
        this.urlTemplate = urlTemplate;
        this.field = field;
        this.timeout = timeout;
        this.clock = clock;
        this.lookups = new BackgroundLookup<>(timeout, clock, CACHE_TTL, this::parse);
    }

    @Override
    public Optional<String> addressOf(double latitude, double longitude) {
        String lat = String.format(Locale.ROOT, "%.4f", latitude);
        String lon = String.format(Locale.ROOT, "%.4f", longitude);
        String key = lat + "," + lon;
        Optional<Optional<String>> cached = lookups.cached(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (!lookups.inFlight(key) && mayStartRequest()) {
            URI uri = URI.create(urlTemplate.replace("{lat}", lat).replace("{lon}", lon));
            lookups.start(key, () -> HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    .header("User-Agent", "ScreamGuard (reverse geocoding of alert positions)").GET().build(),
                    "reverse geocoding");
        }
        return Optional.empty();
    }

    private synchronized boolean mayStartRequest() {
        Instant now = clock.instant();
        if (now.isBefore(lastRequest.plus(MIN_INTERVAL))) {
            return false;
        }
        lastRequest = now;
        return true;
    }

    /** The address in an answer, or empty when the field is missing, not text or blank. */
    Optional<String> parse(String body) {
        try {
            JsonNode n = json.readTree(body);
            for (String part : field.split("\\.")) {
                n = n.path(part);
            }
            return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText().strip()) : Optional.empty();
        } catch (java.io.IOException e) {
            LOG.warn("reverse geocoding answer not understood ({}); check GEOCODER_FIELD", e.getMessage());
            return Optional.empty();
        }
    }
}
