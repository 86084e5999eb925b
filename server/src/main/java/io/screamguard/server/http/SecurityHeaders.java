package io.screamguard.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * Headers on every answer (pages, API, errors): a Content-Security-Policy that allows scripts,
 * styles and connections from the server's own origin only (so pages carry no inline scripts) and
 * no framing, {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, and
 * {@code Cache-Control: no-store} on API answers (they carry personal data).
 */
public final class SecurityHeaders {
    /** The policy: same-origin everything (and local blob: audio), no plugins, no framing, no base-URI tricks. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none';"
            // the upload page plays the chosen file from a blob: URL (it never leaves the browser for that)
            + " media-src 'self' blob:";

    private SecurityHeaders() {
    }

    /** Sets the headers before any handler runs, so error answers carry them too. */
    public static void install(JavalinConfig cfg) {
        cfg.routes.before(SecurityHeaders::apply);
    }

    static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
