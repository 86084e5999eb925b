/**
 * Cross-cutting HTTP concerns: the typed API errors and the ONE place that maps every exception
 * to a JSON body {@code {"error", "detail"}} with its status, request timing, {@code /health} and
 * the Prometheus {@code /metrics} endpoint (Javalin 7 has no micrometer plugin, so it is served
 * here from a {@code PrometheusMeterRegistry}).
 */
package io.screamguard.server.http;
