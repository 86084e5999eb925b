package io.screamguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MAP_TILE_URL: empty by default, an http(s) Leaflet template otherwise, and the CSP source it implies. */
class MapTileUrlTest {

    @Test
    void is_empty_by_default_so_no_tile_server_is_allowed() {
        ServerConfig config = ServerConfig.of(Map.of());

        assertEquals("", config.web().mapTileUrl());
        assertEquals(Optional.empty(), config.web().mapTileSource());
    }

    @Test
    void the_tile_origin_keeps_scheme_host_and_port_and_turns_a_subdomain_placeholder_into_a_wildcard() {
        assertEquals(Optional.of("https://tile.openstreetmap.org"),
                new ServerConfig.WebSettings("https://tile.openstreetmap.org/{z}/{x}/{y}.png").mapTileSource());
        assertEquals(Optional.of("http://localhost:8081"),
                new ServerConfig.WebSettings("http://localhost:8081/tiles/{z}/{x}/{y}.png").mapTileSource());
        assertEquals(Optional.of("https://*.tile.example.org"),
                new ServerConfig.WebSettings("https://{s}.tile.example.org/{z}/{x}/{y}.png").mapTileSource());
    }

    @Test
    void refuses_a_url_without_placeholders_another_scheme_or_a_subdomain_placeholder_inside_the_host() {
        for (String bad : new String[] {"https://tile.example.org/tiles.png", "ftp://tile.example.org/{z}/{x}/{y}.png",
                "javascript:alert(1)//{z}/{x}/{y}", "https://a{s}b.example.org/{z}/{x}/{y}.png",
                "https://tile.example.org;script-src *//{z}/{x}/{y}"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ServerConfig.WebSettings(bad), bad);
            assertTrue(e.getMessage().contains("MAP_TILE_URL") && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
