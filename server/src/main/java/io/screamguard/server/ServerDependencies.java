package io.screamguard.server;

import io.screamguard.server.location.IpLocator;
import io.screamguard.server.scoring.Scoring;
import java.time.Clock;

/**
 * What the composition root needs besides the configuration: the things tests replace.
 *
 * @param scoring   scores clips and opens live scorers (the core pipeline in production)
 * @param ipLocator the IP-location hook
 * @param clock     timestamps of events
 */
public record ServerDependencies(Scoring scoring, IpLocator ipLocator, Clock clock) {
    public ServerDependencies {
        if (scoring == null || ipLocator == null || clock == null) {
            throw new IllegalArgumentException("scoring, ipLocator and clock must be set, got scoring=" + scoring
                    + " ipLocator=" + ipLocator + " clock=" + clock);
        }
    }
}
