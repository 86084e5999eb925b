package io.screamguard.server.location;

import java.util.Optional;

/**
 * Chooses an event's location: the browser's coordinates when given, else the IP lookup, else
 * {@link Location#NONE}; a position without an address gets one from reverse geocoding when that
 * is on and already knows it. Thread-safe.
 */
public final class LocationResolver {
    private final IpLocator ipLocator;
    private final AddressLookup addresses;

    /** @param ipLocator the IP lookup hook (no reverse geocoding) */
    public LocationResolver(IpLocator ipLocator) {
        this(ipLocator, AddressLookup.NONE);
    }

    /**
     * @param ipLocator the IP lookup hook
     * @param addresses reverse geocoding (GEOCODER_URL), {@link AddressLookup#NONE} when off
     */
    public LocationResolver(IpLocator ipLocator, AddressLookup addresses) {
        this.ipLocator = ipLocator;
        this.addresses = addresses;
    }

    /**
     * @param fromBrowser coordinates sent by the client, if any
     * @param clientIp    the client's address (may be null)
     */
    public Location resolve(Optional<Location> fromBrowser, String clientIp) {
        if (fromBrowser.isPresent()) {
            return withAddress(fromBrowser.get());
        }
        if (clientIp != null) {
            Optional<Location> byIp = ipLocator.locate(clientIp);
            if (byIp.isPresent()) {
                return withAddress(byIp.get());
            }
        }
        return Location.NONE;
    }

    /** The location with the reverse-geocoded address when it has coordinates and no address yet. */
    public Location withAddress(Location l) {
        if (l.latitude() == null || l.address() != null) {
            return l;
        }
        return addresses.addressOf(l.latitude(), l.longitude())
                .map(a -> new Location(l.latitude(), l.longitude(), l.accuracyMeters(), l.source(), a))
                .orElse(l);
    }
}
