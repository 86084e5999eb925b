package io.screamguard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.config.Setting;
import io.screamguard.server.support.AppHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Content-Security-Policy: strict by default; MAP_TILE_URL adds its origin to img-src and nothing else. */
class SecurityHeadersTest {
    @TempDir
    Path dataDir;

    private static List<String> directivesOtherThanImgSrc(String policy) {
        return Arrays.stream(policy.split(";")).map(String::trim).filter(d -> !d.startsWith("img-src")).toList();
    }

    @Test
    void without_map_tiles_images_come_from_the_server_itself_only() {
        String policy = SecurityHeaders.policy(Optional.empty());

        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, policy);
        assertTrue(policy.contains("img-src 'self' data:;"), policy);
        assertTrue(policy.contains("script-src 'self';") && policy.contains("style-src 'self';"), policy);
    }

    @Test
    void a_tile_server_is_added_to_img_src_and_every_other_directive_stays_the_same() {
        String policy = SecurityHeaders.policy(Optional.of("https://*.tile.example.org"));

        assertTrue(policy.contains("img-src 'self' data: https://*.tile.example.org;"), policy);
        assertEquals(directivesOtherThanImgSrc(SecurityHeaders.CONTENT_SECURITY_POLICY), directivesOtherThanImgSrc(policy));
        assertEquals(1, policy.split("tile\\.example\\.org", -1).length - 1, "named once: " + policy);
    }

    @Test
    void pages_and_api_answers_carry_the_tile_origin_of_map_tile_url_and_the_pages_learn_the_template() throws Exception {
        String template = "https://{s}.tile.example.org/{z}/{x}/{y}.png";
        try (AppHarness harness = AppHarness.start(dataDir, Map.of(Setting.MAP_TILE_URL, template))) {
            HttpResponse<String> page = harness.anonymous().get("/history.html");
            HttpResponse<String> config = harness.anonymous().get("/api/config");

            String expected = SecurityHeaders.policy(Optional.of("https://*.tile.example.org"));
            assertEquals(expected, page.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertEquals(expected, config.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertEquals(template, AppHarness.json(config).get("map_tile_url").asText());
        }
    }

    @Test
    void by_default_the_pages_get_the_strict_policy_and_no_tile_template() throws Exception {
        try (AppHarness harness = AppHarness.start(dataDir, Map.of())) {
            HttpResponse<String> config = harness.anonymous().get("/api/config");

            assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, config.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertEquals("", AppHarness.json(config).get("map_tile_url").asText());
        }
    }
}
