package io.screamguard.server.location;

/**
 * A position with its origin. Coordinates are null when the source is {@link LocationSource#NONE}.
 *
 * @param latitude       degrees north, -90..90
 * @param longitude      degrees east, -180..180
 * @param accuracyMeters radius of uncertainty in metres, null when unknown
 * @param source         how it was obtained
 * @param address        human-readable place, null when unknown
 */
public record Location(Double latitude, Double longitude,
                       @com.fasterxml.jackson.annotation.JsonProperty("accuracy_m") Double accuracyMeters,
                       LocationSource source,
                       String address) {
    /** No location. */
    public static final Location NONE = new Location(null, null, null, LocationSource.NONE, null);

    public Location {
        if (source == null) {
            throw new IllegalArgumentException("location source must be set, got null");
        }
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("latitude and longitude come together, got latitude="
                    + latitude + " longitude=" + longitude);
        }
        if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be between -90 and 90 degrees, got " + latitude);
        }
        if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be between -180 and 180 degrees, got " + longitude);
        }
        if (accuracyMeters != null && !(accuracyMeters >= 0 && Double.isFinite(accuracyMeters))) {
            throw new IllegalArgumentException("accuracy must be a finite number of metres >= 0, got " + accuracyMeters);
        }
        if (source != LocationSource.NONE && latitude == null) {
            throw new IllegalArgumentException("a " + source.wireName() + " location needs coordinates");
        }
    }

    /** A browser-reported position. */
    public static Location fromBrowser(double latitude, double longitude, Double accuracyMeters) {
        return new Location(latitude, longitude, accuracyMeters, LocationSource.BROWSER, null);
    }
}
