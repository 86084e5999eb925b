package io.screamguard.server.http;

import io.javalin.http.Context;
import io.screamguard.server.events.EventLog;
import io.screamguard.server.listen.StreamHub;
import io.screamguard.server.scoring.ModelInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: always 200 while the process serves (liveness), with readiness details:
 * the database state, the spool depth, the model and the open streams. {@code GET /health/ready}
 * answers 503 while the database is unreachable (events are still accepted into the spool, but a
 * load balancer may prefer another instance).
 */
public final class HealthHandler {
    private final EventLog events;
    private final StreamHub streams;
    private final ModelInfo model;

    /** @param events the event log; @param streams the live streams; @param model the model in use */
    public HealthHandler(EventLog events, StreamHub streams, ModelInfo model) {
        this.events = events;
        this.streams = streams;
        this.model = model;
    }

    /** {@code GET /health} */
    public void health(Context ctx) {
        ctx.json(body());
    }

    /** {@code GET /health/ready} */
    public void ready(Context ctx) {
        ctx.status(events.databaseReady() ? 200 : 503).json(body());
    }

    private Map<String, Object> body() {
        boolean dbUp = events.databaseReady(); // answered a ping: not assumed before the first one
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("state", dbUp ? "up" : "down");
        db.put("store", events.kind()); // no address, no file path (those are in the log)
        db.put("spool_depth", events.spoolDepth());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", dbUp ? "UP" : "DEGRADED");
        body.put("live", true);
        body.put("ready", dbUp);
        body.put("database", db);
        body.put("model_version", model.version());
        body.put("active_streams", streams.activeStreams());
        return body;
    }
}
