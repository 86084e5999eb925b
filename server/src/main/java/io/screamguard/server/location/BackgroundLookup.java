package io.screamguard.server.location;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lookup over HTTP that never blocks its caller: an answer comes from a cache, and a miss starts
 * at most one background request per key, whose answer (found or not) is cached for a while. What
 * the IP locator and the reverse geocoder share. Thread-safe.
 *
 * @param <T> the value looked up
 */
final class BackgroundLookup<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLookup.class);
    /** Keys cached at most (the cache is emptied when full). */
    static final int MAX_CACHED = 10_000;

    private record Cached<T>(Optional<T> value, Instant until) {
    }

    private final HttpClient http;
    private final Clock clock;
    private final Duration ttl;
    private final Function<String, Optional<T>> parse;
    private final Map<String, Cached<T>> cache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    /**
     * @param timeout connect timeout of the requests
     * @param clock   cache expiry
     * @param ttl     how long an answer is kept
     * @param parse   the value in a 200 answer's body, or empty
     */
    BackgroundLookup(Duration timeout, Clock clock, Duration ttl, Function<String, Optional<T>> parse) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.clock = clock;
        this.ttl = ttl;
        this.parse = parse;
    }

    /** The cached answer for {@code key}: empty when not cached (or expired), else the answer (found or not). */
    Optional<Optional<T>> cached(String key) {
        Cached<T> c = cache.get(key);
        return c != null && c.until().isAfter(clock.instant()) ? Optional.of(c.value()) : Optional.empty();
    }

    /** Whether a request for {@code key} is running now. */
    boolean inFlight(String key) {
        return inFlight.containsKey(key);
    }

    /**
     * Starts the request for {@code key} in the background unless one is running.
     *
     * @param what    for the log when it fails (no personal data beyond what the caller puts in)
     */
    void start(String key, Supplier<HttpRequest> request, String what) {
        if (inFlight.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        http.sendAsync(request.get(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, error) -> {
            try {
                Optional<T> found = Optional.empty();
                if (error != null) {
                    LOG.warn("{} failed: {}", what, error.toString());
                } else if (r.statusCode() != 200) {
                    LOG.warn("{} answered HTTP {}", what, r.statusCode());
                } else {
                    found = parse.apply(r.body());
                }
                if (cache.size() >= MAX_CACHED) {
                    cache.clear();
                }
                cache.put(key, new Cached<>(found, clock.instant().plus(ttl)));
            } finally {
                inFlight.remove(key);
            }
        });
    }
}
