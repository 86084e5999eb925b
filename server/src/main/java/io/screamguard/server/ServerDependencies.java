package io.screamguard.server;

import io.screamguard.server.accounts.Passwords;
import io.screamguard.server.location.IpLocator;
import io.screamguard.server.scoring.Scoring;
import java.time.Clock;

/**
 * What the composition root needs besides the configuration: the things tests replace.
 *
 * @param scoring   scores clips and opens live scorers (the core pipeline in production)
 * @param ipLocator the IP-location hook
 * @param clock     timestamps of events, sessions and audit records
 * @param bcryptCost cost factor of password hashes: {@link Passwords#DEFAULT_COST} (12) in production;
 *                   tests may lower it (never below 4) to run faster
 */
public record ServerDependencies(Scoring scoring, IpLocator ipLocator, Clock clock, int bcryptCost) {
    public ServerDependencies {
        if (scoring == null || ipLocator == null || clock == null) {
            throw new IllegalArgumentException("scoring, ipLocator and clock must be set, got scoring=" + scoring
                    + " ipLocator=" + ipLocator + " clock=" + clock);
        }
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("bcryptCost must be 4..31 (production uses 12), got " + bcryptCost);
        }
    }

    /** The production dependencies: passwords hashed at {@link Passwords#DEFAULT_COST}. */
    public ServerDependencies(Scoring scoring, IpLocator ipLocator, Clock clock) {
        this(scoring, ipLocator, clock, Passwords.DEFAULT_COST);
    }
}
