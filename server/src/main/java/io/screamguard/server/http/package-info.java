/**
 * Cross-cutting HTTP concerns: the typed API errors and the ONE place that maps every exception
 * to a JSON body {@code {"error", "detail"}} with its status, request timing, {@code /health} and
 * the Prometheus {@code /metrics} endpoint (Javalin 7 has no micrometer plugin, so it is served
 * here from a {@code PrometheusMeterRegistry}), the origin policy, and the client's address and
 * scheme as seen through the proxies in TRUSTED_PROXIES ({@link io.screamguard.server.http.ClientAddress},
 * {@link io.screamguard.server.http.TrustedProxies}), the security headers (the Content-Security-Policy,
 * with MAP_TILE_URL's origin in img-src when set) and {@code /api/config}, the settings the pages
 * may know.
 */
package io.screamguard.server.http;
