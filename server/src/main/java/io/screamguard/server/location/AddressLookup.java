package io.screamguard.server.location;

import java.util.Optional;

/**
 * Reverse geocoding: a human-readable address for coordinates. Implementations never block for
 * long (they run on request and stream threads) and are thread-safe.
 */
public interface AddressLookup {
    /** No reverse geocoding (GEOCODER_URL empty, the default): no position leaves the server. */
    AddressLookup NONE = (latitude, longitude) -> Optional.empty();

    /**
     * @param latitude  degrees north, -90..90
     * @param longitude degrees east, -180..180
     * @return the address, or empty when unknown (or not known yet)
     */
    Optional<String> addressOf(double latitude, double longitude);
}
