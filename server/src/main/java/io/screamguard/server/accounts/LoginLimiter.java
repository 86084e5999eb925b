package io.screamguard.server.accounts;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.screamguard.server.http.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (bucket4j) for sign-in and registration: one per client address and one per
 * account email, each refilled over a minute. Thread-safe. The maps are cleared when they hold
 * {@value #MAX_KEYS} keys, so a flood of addresses cannot grow memory without bound (it resets the
 * limits, which the per-address buckets of the flood then hit again at once).
 */
final class LoginLimiter {
    static final int MAX_KEYS = 100_000;

    private final int perAddressPerMinute;
    private final int perAccountPerMinute;
    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Bucket> byAccount = new ConcurrentHashMap<>();

    LoginLimiter(int perAddressPerMinute, int perAccountPerMinute) {
        if (perAddressPerMinute < 1 || perAccountPerMinute < 1) {
            throw new IllegalArgumentException("attempts per minute must be >= 1, got address=" + perAddressPerMinute
                    + " account=" + perAccountPerMinute);
        }
        this.perAddressPerMinute = perAddressPerMinute;
        this.perAccountPerMinute = perAccountPerMinute;
    }

    /** Takes one attempt of the address; throws 429 (with Retry-After) when none is left. */
    void attemptFromAddress(String address) {
        take(byAddress, address, perAddressPerMinute, "from this address");
    }

    /** Takes one attempt of the account (by email); throws 429 (with Retry-After) when none is left. */
    void attemptOnAccount(String email) {
        take(byAccount, email, perAccountPerMinute, "for this account");
    }

    private static void take(Map<String, Bucket> buckets, String key, int perMinute, String scope) {
        if (buckets.size() >= MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw ApiException.tooManyRequests("too many sign-in attempts " + scope + " (at most " + perMinute
                    + " a minute); retry in " + seconds + " s", (int) Math.min(Integer.MAX_VALUE, seconds));
        }
    }
}
