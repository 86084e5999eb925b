package io.screamguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account, session, origin and alerting settings, and the run-time settings' rules. */
class SecurityConfigTest {
    @Test
    void the_defaults_are_invite_only_a_day_idle_thirty_days_at_most_and_five_contacts() {
        ServerConfig c = ServerConfig.of(Map.of());

        assertEquals(ServerConfig.Registration.INVITE, c.security().registration());
        assertEquals(Duration.ofDays(1), c.security().sessionIdle());
        assertEquals(Duration.ofDays(30), c.security().sessionMax());
        assertEquals(5, c.contacts().maxContacts());
        assertEquals(new ServerConfig.AlertSettings(10, 120, 6), c.alerts());
    }

    @Test
    void lists_are_split_and_admin_emails_lower_cased() {
        ServerConfig c = ServerConfig.of(Map.of(Setting.ADMIN_EMAILS, " A@Example.org, b@example.org ,",
                Setting.ALLOWED_ORIGINS, "https://a.example.org, http://localhost:3000"));

        assertEquals(List.of("a@example.org", "b@example.org"), c.security().adminEmails());
        assertEquals(List.of("https://a.example.org", "http://localhost:3000"), c.security().allowedOrigins());
    }

    @Test
    void trusted_proxies_are_empty_by_default_and_parsed_from_a_cidr_list() {
        ServerConfig none = ServerConfig.of(Map.of());
        ServerConfig some = ServerConfig.of(Map.of(Setting.TRUSTED_PROXIES, "10.0.0.0/8, fd00::/8"));

        assertTrue(none.http().trustedProxies().isEmpty());
        assertTrue(some.http().trustedProxies().contains("10.1.2.3"));
        assertTrue(some.http().trustedProxies().contains("fd00::5"));
        assertTrue(!some.http().trustedProxies().contains("127.0.0.1"), "loopback is not trusted unless listed");
    }

    @Test
    void the_deprecated_trust_forwarded_for_means_trust_a_proxy_on_this_machine_besides_the_listed_ones() {
        ServerConfig c = ServerConfig.of(Map.of(Setting.TRUST_FORWARDED_FOR, "true", Setting.TRUSTED_PROXIES, "10.0.0.0/8"));

        assertTrue(c.http().trustedProxies().contains("127.0.0.1"));
        assertTrue(c.http().trustedProxies().contains("::1"));
        assertTrue(c.http().trustedProxies().contains("10.9.9.9"));
        assertTrue(!c.http().trustedProxies().contains("192.0.2.1"));
    }

    @Test
    void a_trusted_proxy_that_is_not_an_address_or_range_is_refused_naming_the_setting_and_the_entry() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ServerConfig.of(Map.of(Setting.TRUSTED_PROXIES, "10.0.0.0/8,lb.internal")));

        assertTrue(e.getMessage().contains("TRUSTED_PROXIES") && e.getMessage().contains("'lb.internal'"), e.getMessage());
    }

    @Test
    void reverse_geocoding_is_off_by_default_and_its_url_needs_both_placeholders() {
        ServerConfig off = ServerConfig.of(Map.of());
        ServerConfig on = ServerConfig.of(Map.of(Setting.GEOCODER_URL,
                "https://nominatim.example/reverse?format=jsonv2&lat={lat}&lon={lon}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.of(Map.of(Setting.GEOCODER_URL, "https://nominatim.example/reverse?lat={lat}")));

        assertTrue(!off.geocoder().enabled());
        assertEquals(new ServerConfig.GeocoderSettings("https://nominatim.example/reverse?format=jsonv2&lat={lat}&lon={lon}",
                "display_name", 1500), on.geocoder());
        assertTrue(e.getMessage().contains("GEOCODER_URL") && e.getMessage().contains("{lon}"), e.getMessage());
    }

    @Test
    void a_bad_registration_mode_names_the_setting_and_the_choices() {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.of(Map.of(Setting.REGISTRATION, "maybe")));

        assertTrue(e.getMessage().contains("REGISTRATION") && e.getMessage().contains("open, invite or closed"), e.getMessage());
    }

    @Test
    void an_origin_with_a_path_or_an_idle_limit_above_the_absolute_one_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of(Setting.ALLOWED_ORIGINS, "https://a.org/app")));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of(Setting.SESSION_IDLE_MINUTES, "120",
                Setting.SESSION_MAX_HOURS, "1")));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of(Setting.DEFAULT_PHONE_REGION, "GBR")));
    }

    @Test
    void run_time_settings_break_the_same_rules_as_the_configuration_and_name_the_field() {
        LiveSettings.InvalidSetting k = assertThrows(LiveSettings.InvalidSetting.class,
                () -> new LiveSettings(0.5, 4, 3, 0.003, 10, 120, 6));
        LiveSettings.InvalidSetting countdown = assertThrows(LiveSettings.InvalidSetting.class,
                () -> new LiveSettings(0.5, 1, 3, 0.003, LiveSettings.MAX_COUNTDOWN_SECONDS + 1, 120, 6));

        assertEquals("debounce_k", k.field());
        assertTrue(k.getMessage().contains("got 4"), k.getMessage());
        assertEquals("countdown_seconds", countdown.field());
        assertThrows(ConfigException.class, () -> ServerConfig.of(Map.of(Setting.COUNTDOWN_SECONDS,
                Integer.toString(LiveSettings.MAX_COUNTDOWN_SECONDS + 1))), "the same bound at start-up");
    }
}
