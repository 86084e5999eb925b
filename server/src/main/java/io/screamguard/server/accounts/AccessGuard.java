package io.screamguard.server.accounts;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.http.OriginPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Enforces each route's {@link Access} before its handler runs, and the origin rule on
 * state-changing requests and WebSocket upgrades. A route under {@code /api/} or {@code /metrics}
 * that declares no rule is refused (fail closed); static pages are public. Thread-safe.
 */
public final class AccessGuard {
    /** The session cookie's name. */
    public static final String COOKIE = "screamguard_session";
    private static final Set<HandlerType> STATE_CHANGING = Set.of(HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    private final AccountService accounts;
    private final OriginPolicy origins;
    private final String metricsToken;

    /**
     * @param accounts     resolves session cookies
     * @param origins      the server's own origin and ALLOWED_ORIGINS
     * @param metricsToken METRICS_TOKEN, empty = /metrics is open
     */
    public AccessGuard(AccountService accounts, OriginPolicy origins, String metricsToken) {
        this.accounts = accounts;
        this.origins = origins;
        this.metricsToken = metricsToken;
    }

    /** The before-matched check of every HTTP request. */
    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
                throw ApiException.forbidden(ctx.method() + " " + ctx.path() + " declares no access rule");
            }
            return; // a static page
        }
        if (STATE_CHANGING.contains(ctx.method()) && !origins.allows(ctx)) {
            throw ApiException.forbidden("requests from the origin " + ctx.header("Origin")
                    + " are not allowed; add it to ALLOWED_ORIGINS if it is yours");
        }
        Access access = (Access) roles.iterator().next();
        switch (access) {
            case PUBLIC -> { }
            case METRICS -> requireMetricsToken(ctx);
            case PERSON -> signedIn(ctx);
            case ADMIN -> {
                if (!signedIn(ctx).admin()) {
                    throw ApiException.forbidden(ctx.method() + " " + ctx.path() + " needs an admin account");
                }
            }
        }
    }

    /** The check before a WebSocket upgrade: a browser's Origin must be allowed, and a session is required. */
    public void checkUpgrade(Context ctx) {
        if (!origins.allows(ctx)) {
            throw ApiException.forbidden("WebSocket connections from the origin " + ctx.header("Origin")
                    + " are not allowed; add it to ALLOWED_ORIGINS if it is yours");
        }
        signedIn(ctx);
    }

    /** The account of the request's session cookie, when it names a live session. */
    public java.util.Optional<Account> sessionAccount(Context ctx) {
        return accounts.authenticate(ctx.cookie(COOKIE));
    }

    private Account signedIn(Context ctx) {
        Account account = sessionAccount(ctx).orElseThrow(() -> ApiException.unauthorized(
                "sign in first (POST /api/auth/login); the session cookie is missing, unknown or expired"));
        ctx.attribute(Caller.ATTRIBUTE, account);
        return account;
    }

    private void requireMetricsToken(Context ctx) {
        if (metricsToken.isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), metricsToken.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("/metrics needs 'Authorization: Bearer <METRICS_TOKEN>'");
        }
    }
}
