package io.screamguard.server.location;

import java.util.Optional;

/**
 * Looks up an approximate position for a client IP address. This is the hook for a GeoIP
 * database or service: implement it and pass it to {@code ServerApp.create} through
 * {@code ServerDependencies}. Implementations are thread-safe and must not block for long (they
 * run on request threads).
 */
public interface IpLocator {
    /**
     * @param ipAddress textual IPv4 or IPv6 address
     * @return the position with source {@link LocationSource#IP}, or empty when unknown
     */
    Optional<Location> locate(String ipAddress);
}
