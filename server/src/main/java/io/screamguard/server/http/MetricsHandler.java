package io.screamguard.server.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: the Prometheus text exposition of every meter. */
public final class MetricsHandler {
    private final PrometheusMeterRegistry registry;

    /** @param registry the registry every feature registers its meters in */
    public MetricsHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code GET /metrics} */
    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
