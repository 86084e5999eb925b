package io.screamguard.server.location;

import java.util.Optional;

/**
 * Chooses an event's location: the browser's coordinates when given, else the IP lookup, else
 * {@link Location#NONE}. Thread-safe.
 */
public final class LocationResolver {
    private final IpLocator ipLocator;

    /** @param ipLocator the IP lookup hook */
    public LocationResolver(IpLocator ipLocator) {
        this.ipLocator = ipLocator;
    }

    /**
     * @param fromBrowser coordinates sent by the client, if any
     * @param clientIp    the client's address (may be null)
     */
    public Location resolve(Optional<Location> fromBrowser, String clientIp) {
        if (fromBrowser.isPresent()) {
            return fromBrowser.get();
        }
        if (clientIp != null) {
            Optional<Location> byIp = ipLocator.locate(clientIp);
            if (byIp.isPresent()) {
                return byIp.get();
            }
        }
        return Location.NONE;
    }
}
