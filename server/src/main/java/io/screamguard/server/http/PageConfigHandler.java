package io.screamguard.server.http;

import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /api/config} (public): the settings the browser pages need and that are no secret,
 * today the map tile URL template (MAP_TILE_URL, empty = maps without tiles). The incident page
 * of a contact, who has no session, reads it too.
 */
public final class PageConfigHandler {
    private final String mapTileUrl;

    /** @param mapTileUrl MAP_TILE_URL, empty = none */
    public PageConfigHandler(String mapTileUrl) {
        this.mapTileUrl = mapTileUrl;
    }

    /** {@code GET /api/config} → {@code {"map_tile_url": "…"}} */
    public void config(Context ctx) {
        ctx.json(Map.of("map_tile_url", mapTileUrl));
    }
}
