package io.screamguard.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Headers on every answer (pages, API, errors): a Content-Security-Policy that allows scripts,
 * styles and connections from the server's own origin only (so pages carry no inline scripts) and
 * no framing, {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, and
 * {@code Cache-Control: no-store} on API answers (they carry personal data). The one exception
 * is images from the map tile server (MAP_TILE_URL) when one is configured.
 */
public final class SecurityHeaders {
    /** The policy without map tiles: same-origin everything, no plugins, no framing, no base-URI tricks. */
    public static final String CONTENT_SECURITY_POLICY = policy(Optional.empty());

    private final String policy;

    private SecurityHeaders(String policy) {
        this.policy = policy;
    }

    /**
     * The policy; {@code mapTileSource} (e.g. {@code https://tile.openstreetmap.org}) is added to
     * {@code img-src} only, so tiles load and nothing else from that origin does.
     */
    public static String policy(Optional<String> mapTileSource) {
        return "default-src 'self'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:" + mapTileSource.map(s -> " " + s).orElse("") + ";"
                + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
                + " frame-ancestors 'none';"
                // the upload page plays the chosen file from a blob: URL (it never leaves the browser for that)
                + " media-src 'self' blob:";
    }

    /** Sets the headers before any handler runs, so error answers carry them too. */
    public static void install(JavalinConfig cfg, Optional<String> mapTileSource) {
        cfg.routes.before(new SecurityHeaders(policy(mapTileSource))::apply);
    }

    void apply(Context ctx) {
        ctx.header("Content-Security-Policy", policy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
