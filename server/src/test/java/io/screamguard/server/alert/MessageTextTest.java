package io.screamguard.server.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.server.location.Location;
import io.screamguard.server.location.LocationSource;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The wording of the messages: what they contain and that the SMS stays within two GSM-7 segments. */
class MessageTextTest {
    static final Instant SUMMER_NOON_UTC = Instant.parse("2026-07-01T12:00:00Z");
    static final Location BROWSER = Location.fromBrowser(51.50070, -0.12460, 12.0);
    static final String LINK = "https://alerts.screamguard.example.org/i/AbCdEfGhIjKlMnOpQrStUv";

    static AlertMessage message(String who, Location where, String note) {
        return new AlertMessage(who, SUMMER_NOON_UTC, ZoneId.of("Europe/London"), 0.934, where, LINK, "Sam", note);
    }

    @Test
    void the_sms_says_who_when_in_the_persons_zone_how_sure_where_and_the_incident_link() {
        String sms = MessageText.sms(message("Alex Doe", BROWSER, ""));

        assertTrue(sms.contains("Alex Doe may need help"), sms);
        assertTrue(sms.contains("13:00 BST, Wed 1 Jul"), "noon UTC is 13:00 in London in summer: " + sms);
        assertTrue(sms.contains("93% sure"), sms);
        assertTrue(sms.contains("https://maps.google.com/?q=51.50070,-0.12460"), sms);
        assertTrue(sms.contains("within 12 m"), sms);
        assertTrue(sms.endsWith(LINK), sms);
        assertTrue(Gsm7.segments(sms) <= 2, sms);
    }

    @Test
    void a_hundred_character_name_is_shortened_so_the_sms_fits_two_segments_with_both_links_whole() {
        String longName = "Maximiliana Alexandra Konstantinopoulou-Vanderbilt-Fitzgerald-Montgomery of Lower Westbury-on-Trym!!";
        assertEquals(100, longName.length());
        Location far = new Location(-33.86882, 151.20929, 1234.5, LocationSource.IP, "A very long address".repeat(10));

        String sms = MessageText.sms(message(longName, far, ""));

        assertTrue(Gsm7.septets(sms) <= MessageText.MAX_SMS_SEPTETS, Gsm7.septets(sms) + " septets: " + sms);
        assertTrue(Gsm7.segments(sms) <= 2, sms);
        assertTrue(sms.contains("https://maps.google.com/?q=-33.86882,151.20929"), sms);
        assertTrue(sms.endsWith(LINK), sms);
        assertTrue(sms.contains("Maximiliana Alexandra"), "the start of the name stays: " + sms);
    }

    @Test
    void a_name_outside_gsm7_is_transliterated_so_one_letter_does_not_make_the_sms_ucs2() {
        String sms = MessageText.sms(message("Łucja Żółć-Ștefănescu 王", BROWSER, ""));

        assertTrue(Gsm7.isGsm7(sms), sms);
        assertTrue(sms.contains("Lucja Zolc-Stefanescu ?"), sms);
        assertTrue(Gsm7.segments(sms) <= 2, sms);
    }

    @Test
    void a_long_name_of_extension_characters_still_fits_because_they_count_twice() {
        String sms = MessageText.sms(message("{[|]}".repeat(20), BROWSER, ""));

        assertTrue(Gsm7.septets(sms) <= MessageText.MAX_SMS_SEPTETS, Gsm7.septets(sms) + ": " + sms);
    }

    @Test
    void without_a_position_the_sms_says_so() {
        String sms = MessageText.sms(message("Alex", Location.NONE, ""));

        assertTrue(sms.contains("Location unknown."), sms);
        assertFalse(sms.contains("maps.google"), sms);
    }

    @Test
    void the_email_has_both_map_links_accuracy_source_incident_link_and_the_note_escaped_in_html() {
        AlertMessage m = message("Alex <Doe>", BROWSER, "Key under the <b>mat</b> & call Jo");

        String text = MessageText.emailText(m);
        String html = MessageText.emailHtml(m);

        assertTrue(MessageText.emailSubject(m).contains("Alex <Doe> may need help"));
        for (String body : new String[] {text, html}) {
            assertTrue(body.contains("https://maps.google.com/?q=51.50070,-0.12460"), body);
            assertTrue(body.contains("openstreetmap.org/?mlat=51.50070"), body);
            assertTrue(body.contains("within 12 m") && body.contains("from the browser"), body);
            assertTrue(body.contains(LINK), body);
        }
        assertTrue(text.contains("Key under the <b>mat</b> & call Jo"), text);
        assertTrue(html.contains("Key under the &lt;b&gt;mat&lt;/b&gt; &amp; call Jo"), html);
        assertTrue(html.contains("Alex &lt;Doe&gt;"), html);
        assertFalse(html.contains("<Doe>"), html);
    }

    @Test
    void an_ip_position_is_named_as_an_estimate() {
        String text = MessageText.emailText(message("Alex", new Location(48.85, 2.35, 5000.0, LocationSource.IP, "Paris"), ""));

        assertTrue(text.contains("estimated from the IP address"), text);
        assertTrue(text.contains("Address: Paris"), text);
    }

    @Test
    void gsm7_counts_extension_characters_twice_and_segments_by_153_after_160() {
        assertEquals(2, Gsm7.septets("€"));
        assertEquals(1, Gsm7.segments("a".repeat(160)));
        assertEquals(2, Gsm7.segments("a".repeat(161)));
        assertEquals(2, Gsm7.segments("a".repeat(306)));
        assertEquals(3, Gsm7.segments("a".repeat(307)));
        assertFalse(Gsm7.isGsm7("王"));
    }

    static AlertMessage inLanguage(String who, String language) {
        return new AlertMessage(who, SUMMER_NOON_UTC, ZoneId.of("Europe/Berlin"), 0.934, BROWSER, LINK, "Sam", "Schlüssel unter der Matte",
                false, language);
    }

    @Test
    void a_german_contact_gets_german_messages_still_within_two_gsm7_segments() {
        String name = "Jürgen Größenwahn-Überschall von und zu Hohenzollern-Sigmaringen-Straßenbahn-Müller";

        String sms = MessageText.sms(inLanguage(name, "de-AT"));
        String html = MessageText.emailHtml(inLanguage("Alex", "de"));

        assertTrue(sms.startsWith("SCREAMGUARD-ALARM: "), sms);
        assertTrue(sms.contains("braucht vielleicht Hilfe") && sms.contains("14:00"), "14:00 in Berlin: " + sms);
        assertTrue(sms.contains("Karte: https://maps.google.com/?q=51.50070,-0.12460") && sms.endsWith(LINK), sms);
        assertTrue(Gsm7.isGsm7(sms) && Gsm7.segments(sms) <= 2, Gsm7.septets(sms) + ": " + sms);
        assertTrue(html.contains("In Google Maps öffnen") && html.contains("Vorfallseite öffnen"), html);
        assertTrue(MessageText.emailSubject(inLanguage("Alex", "de")).startsWith("ScreamGuard-Alarm"));
        assertTrue(MessageText.safeSms("de", "Alex").contains("in Sicherheit"));
    }

    @Test
    void a_language_without_a_bundle_gets_english_whatever_the_servers_locale() {
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.GERMANY);
        try {
            String sms = MessageText.sms(inLanguage("Alex", "pt-BR"));

            assertTrue(sms.startsWith("SCREAMGUARD ALERT: Alex may need help"), sms);
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
