package io.screamguard.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * Which origins may send state-changing requests and open WebSockets: the server's own (the scheme
 * and Host of the request) and ALLOWED_ORIGINS. A request without an {@code Origin} header comes
 * from a non-browser client (browsers send it on every POST, PUT, DELETE and WebSocket upgrade) and
 * is allowed: the attacks this stops (cross-site request forgery, cross-site WebSocket hijacking)
 * need a victim's browser. Thread-safe.
 */
public final class OriginPolicy {
    private final List<String> allowedOrigins;
    private final TrustedProxies trustedProxies;

    /**
     * @param allowedOrigins ALLOWED_ORIGINS (scheme://host[:port])
     * @param trustedProxies TRUSTED_PROXIES: a peer in them names the client's scheme in X-Forwarded-Proto
     */
    public OriginPolicy(List<String> allowedOrigins, TrustedProxies trustedProxies) {
        this.allowedOrigins = allowedOrigins.stream().map(OriginPolicy::normalised).toList();
        this.trustedProxies = trustedProxies;
    }

    /** True when the client reached the server over HTTPS (directly, or through a trusted proxy). */
    public boolean https(Context ctx) {
        return ClientAddress.https(java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-Proto")),
                ctx.req().getRemoteAddr(), ctx.scheme(), trustedProxies);
    }

    /** The server's own origin as the browser sees it: scheme://Host. */
    public String ownOrigin(Context ctx) {
        return normalised((https(ctx) ? "https" : "http") + "://" + ctx.host());
    }

    /** True when the request has no Origin header, or its Origin is the server's own or in ALLOWED_ORIGINS. */
    public boolean allows(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        String o = normalised(origin);
        return o.equals(ownOrigin(ctx)) || allowedOrigins.contains(o);
    }

    private static String normalised(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        if (o.startsWith("http://") && o.endsWith(":80")) {
            o = o.substring(0, o.length() - 3);
        } else if (o.startsWith("https://") && o.endsWith(":443")) {
            o = o.substring(0, o.length() - 4);
        }
        return o;
    }
}
