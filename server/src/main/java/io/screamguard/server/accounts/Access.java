package io.screamguard.server.accounts;

import io.javalin.security.RouteRole;

/**
 * The access rule of a route; every route declares exactly one (a route without one is refused,
 * and the ownership test fails). Ownership of individual objects is checked by the handlers.
 */
public enum Access implements RouteRole {
    /** Anyone: health checks, sign-in, registration, the first-run status. */
    PUBLIC,
    /** A signed-in person; what they read and change is scoped to their own account. */
    PERSON,
    /** A signed-in admin. */
    ADMIN,
    /** Open, or with METRICS_TOKEN set, a bearer token. */
    METRICS
}
