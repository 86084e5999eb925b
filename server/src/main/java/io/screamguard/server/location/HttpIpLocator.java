package io.screamguard.server.location;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IP geolocation through a configurable HTTP JSON provider (IPGEO_URL with an {@code {ip}}
 * placeholder, and the JSON paths of latitude, longitude, accuracy and address). Never blocks its
 * caller: a lookup answers from the cache, and a miss starts one background request (with
 * IPGEO_TIMEOUT_MS) and answers empty, so the first event of an address may have no IP position
 * (a live stream warms the cache when it connects). Loopback, private and link-local addresses are
 * never sent anywhere. Answers, found or not, are cached for {@link #CACHE_TTL}. Thread-safe.
 */
public final class HttpIpLocator implements IpLocator {
    private static final Logger LOG = LoggerFactory.getLogger(HttpIpLocator.class);
    /** How long an answer is kept. */
    static final Duration CACHE_TTL = Duration.ofHours(6);

    /**
     * Where the provider's answer keeps each value: dotted JSON paths ({@code location.lat});
     * accuracy and address may be empty (not given).
     *
     * @param latitude        path of the latitude in degrees
     * @param longitude       path of the longitude in degrees
     * @param accuracyMeters  path of the accuracy in metres, or empty (then {@code defaultAccuracyMeters})
     * @param address         path of a place name, or empty
     */
    public record Fields(String latitude, String longitude, String accuracyMeters, String address) {
        public Fields {
            if (latitude == null || latitude.isBlank() || longitude == null || longitude.isBlank()) {
                throw new IllegalArgumentException("IPGEO_FIELDS needs the latitude and longitude paths, got latitude="
                        + latitude + " longitude=" + longitude);
            }
            accuracyMeters = accuracyMeters == null ? "" : accuracyMeters;
            address = address == null ? "" : address;
        }

        /** "latitude,longitude,accuracy,address" (the last two may be empty). */
        public static Fields parse(String text) {
            String[] f = (text + ",,,").split(",", -1);
            return new Fields(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip());
        }
    }

    private final String urlTemplate;
    private final Fields fields;
    private final double defaultAccuracyMeters;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final BackgroundLookup<Location> lookups;

    /**
     * @param urlTemplate           e.g. {@code https://ipapi.example/json/{ip}}
     * @param fields                where the values are in the answer
     * @param defaultAccuracyMeters the accuracy when the answer has none (IP positions are city-level)
     * @param timeout               connect and answer timeout of one lookup
     * @param clock                 cache expiry
     */
    public HttpIpLocator(String urlTemplate, Fields fields, double defaultAccuracyMeters, Duration timeout, Clock clock) {
        if (urlTemplate == null || !urlTemplate.contains("{ip}") || !urlTemplate.matches("https?://.+")) {
            throw new IllegalArgumentException("IPGEO_URL must be an http(s) URL with an {ip} placeholder, got '"
                    + urlTemplate + "'");
        }
        this.urlTemplate = urlTemplate;
        this.fields = fields;
        this.defaultAccuracyMeters = defaultAccuracyMeters;
        this.timeout = timeout;
        this.lookups = new BackgroundLookup<>(timeout, clock, CACHE_TTL, this::parse);
    }

    @Override
    public Optional<Location> locate(String ipAddress) {
        InetAddress address = OfflineIpLocator.parseLiteral(ipAddress);
        if (address == null || OfflineIpLocator.isNonPublic(address)) {
            return Optional.empty();
        }
        String ip = address.getHostAddress();
        Optional<Optional<Location>> cached = lookups.cached(ip);
        if (cached.isPresent()) {
            return cached.get();
        }
        URI uri = URI.create(urlTemplate.replace("{ip}", URLEncoder.encode(ip, StandardCharsets.UTF_8)));
        lookups.start(ip, () -> HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET().build(), "IP lookup of " + ip);
        return Optional.empty();
    }

    /** The position in a provider's answer, or empty when a coordinate is missing or out of range. */
    Optional<Location> parse(String body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode lat = at(root, fields.latitude());
            JsonNode lon = at(root, fields.longitude());
            if (!lat.isNumber() || !lon.isNumber()) {
                return Optional.empty();
            }
            JsonNode acc = fields.accuracyMeters().isEmpty() ? null : at(root, fields.accuracyMeters());
            JsonNode place = fields.address().isEmpty() ? null : at(root, fields.address());
            return Optional.of(new Location(lat.asDouble(), lon.asDouble(),
                    acc != null && acc.isNumber() ? acc.asDouble() : defaultAccuracyMeters, LocationSource.IP,
                    place != null && place.isTextual() ? place.asText() : null));
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warn("IP lookup answer not understood ({}); check IPGEO_FIELDS", e.getMessage());
            return Optional.empty();
        }
    }

    private static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode n = root;
        for (String part : dottedPath.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    /** Tries {@code first}, then {@code second} (the offline table, then a provider). */
    public static IpLocator firstOf(IpLocator first, IpLocator second) {
        return ip -> {
            Optional<Location> a = first.locate(ip);
            return a.isPresent() ? a : second.locate(ip);
        };
    }
}
