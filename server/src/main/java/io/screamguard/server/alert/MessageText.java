package io.screamguard.server.alert;

import io.screamguard.server.location.Location;
import io.screamguard.server.location.LocationSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words of the alert messages (English). Pure functions of an {@link AlertMessage}.
 *
 * <p>The SMS always fits two GSM-7 segments (306 septets): the links are kept whole and the
 * person's name is shortened (with "...") when it is long; characters outside GSM-7 are
 * transliterated so one letter cannot turn the message into UCS-2.
 */
public final class MessageText {
    /** Septets of two concatenated segments. */
    public static final int MAX_SMS_SEPTETS = 2 * Gsm7.MULTI_SEGMENT_SEPTETS;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm zzz, EEE d MMM", Locale.ENGLISH);
    private static final int MIN_NAME_CHARS = 12;
    static final String DURESS = "SENT UNDER DURESS: the countdown was cancelled with their duress PIN, so someone may be"
            + " with them and watching their screen. Be careful how you contact them.";

    private MessageText() {
    }

    /** "14:32 CET, Fri 4 Dec" in the person's time zone. */
    static String when(AlertMessage m) {
        return WHEN.format(ZonedDateTime.ofInstant(m.detectedAt(), m.timeZone()));
    }

    static long percent(AlertMessage m) {
        return Math.round(m.probability() * 100);
    }

    /** Google Maps link of the position, or null when there is none. */
    public static String googleMaps(Location l) {
        return l.latitude() == null ? null : String.format(Locale.ROOT, "https://maps.google.com/?q=%.5f,%.5f",
                l.latitude(), l.longitude());
    }

    /** OpenStreetMap link of the position, or null when there is none. */
    public static String openStreetMap(Location l) {
        return l.latitude() == null ? null : String.format(Locale.ROOT,
                "https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=17/%.5f/%.5f",
                l.latitude(), l.longitude(), l.latitude(), l.longitude());
    }

    private static String accuracy(Location l) {
        return l.accuracyMeters() == null ? "" : String.format(Locale.ROOT, " (within %.0f m)", l.accuracyMeters());
    }

    private static String sourceWords(Location l) {
        return l.source() == LocationSource.BROWSER ? "position from the browser (GPS or Wi-Fi)"
                : l.source() == LocationSource.IP ? "estimated from the IP address" : "source unknown";
    }

    /**
     * The SMS: who, what, when (in the person's time zone), confidence, the map link and the
     * incident link, in at most two GSM-7 segments.
     */
    public static String sms(AlertMessage m) {
        String map = googleMaps(m.location());
        String where = map == null ? " Location unknown." : " Map: " + map + accuracy(m.location());
        String rest = " may need help: a scream was detected at " + when(m) + " (" + percent(m) + "% sure)." + where
                + " Details: " + m.incidentUrl();
        String head = m.duress() ? "SCREAMGUARD ALERT (sent under duress): " : "SCREAMGUARD ALERT: ";
        String name = Gsm7.transliterate(m.who().strip());
        String tail = Gsm7.transliterate(rest);
        String text = head + name + tail;
        if (Gsm7.septets(text) <= MAX_SMS_SEPTETS) {
            return text;
        }
        int budget = MAX_SMS_SEPTETS - Gsm7.septets(head) - Gsm7.septets(tail) - 3;
        if (budget < MIN_NAME_CHARS) { // a very long position line: drop the accuracy, keep the links
            tail = Gsm7.transliterate(" may need help: scream at " + when(m) + " (" + percent(m) + "%)."
                    + (map == null ? "" : " Map: " + map) + " " + m.incidentUrl());
            budget = MAX_SMS_SEPTETS - Gsm7.septets(head) - Gsm7.septets(tail) - 3;
        }
        StringBuilder cut = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length(); i++) {
            int s = Gsm7.septets(String.valueOf(name.charAt(i)));
            if (used + s > budget) {
                break;
            }
            cut.append(name.charAt(i));
            used += s;
        }
        return head + cut.toString().strip() + "..." + tail;
    }

    /** The email subject. */
    public static String emailSubject(AlertMessage m) {
        return (m.duress() ? "[SENT UNDER DURESS] " : "") + "ScreamGuard alert: " + m.who() + " may need help";
    }

    /** The email's plain-text part. */
    public static String emailText(AlertMessage m) {
        Location l = m.location();
        StringBuilder b = new StringBuilder()
                .append("Hello ").append(m.contactName()).append(",\n\n")
                .append(m.who()).append(" may need help. ScreamGuard detected a scream at ").append(when(m))
                .append(" (").append(percent(m)).append("% confidence).\n\n");
        if (m.duress()) {
            b.append(DURESS).append("\n\n");
        }
        if (l.latitude() == null) {
            b.append("Location: unknown.\n");
        } else {
            b.append("Location: ").append(String.format(Locale.ROOT, "%.5f, %.5f", l.latitude(), l.longitude()))
                    .append(accuracy(l)).append(", ").append(sourceWords(l)).append(".\n");
            if (l.address() != null) {
                b.append("Address: ").append(l.address()).append('\n');
            }
            b.append("Google Maps: ").append(googleMaps(l)).append('\n')
                    .append("OpenStreetMap: ").append(openStreetMap(l)).append('\n');
        }
        b.append("\nIncident page: ").append(m.incidentUrl()).append('\n');
        if (!m.note().isBlank()) {
            b.append("\nTheir note for you: ").append(m.note()).append('\n');
        }
        b.append("\nIf you cannot reach them and think they are in danger, call the emergency services.\n");
        return b.toString();
    }

    /** The email's HTML part (every value escaped). */
    public static String emailHtml(AlertMessage m) {
        Location l = m.location();
        StringBuilder b = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">")
                .append("<p>Hello ").append(esc(m.contactName())).append(",</p>")
                .append("<p><strong>").append(esc(m.who())).append(" may need help.</strong> ScreamGuard detected a scream at ")
                .append(esc(when(m))).append(" (").append(percent(m)).append("% confidence).</p>");
        if (m.duress()) {
            b.append("<p><strong>").append(esc(DURESS)).append("</strong></p>");
        }
        if (l.latitude() == null) {
            b.append("<p>Location: unknown.</p>");
        } else {
            b.append("<p>Location: ").append(String.format(Locale.ROOT, "%.5f, %.5f", l.latitude(), l.longitude()))
                    .append(esc(accuracy(l))).append(", ").append(esc(sourceWords(l))).append(".");
            if (l.address() != null) {
                b.append("<br>Address: ").append(esc(l.address()));
            }
            b.append("</p><p><a href=\"").append(esc(googleMaps(l))).append("\">Open in Google Maps</a> &middot; <a href=\"")
                    .append(esc(openStreetMap(l))).append("\">Open in OpenStreetMap</a></p>");
        }
        b.append("<p><a href=\"").append(esc(m.incidentUrl())).append("\">Open the incident page</a></p>");
        if (!m.note().isBlank()) {
            b.append("<p>Their note for you: ").append(esc(m.note())).append("</p>");
        }
        return b.append("<p>If you cannot reach them and think they are in danger, call the emergency services.</p>")
                .append("</body></html>").toString();
    }

    /** An update (another incident joined the alert): the time and the newest position, one segment or two. */
    public static String updateSms(String who, java.time.Instant at, java.time.ZoneId zone, Location l) {
        String map = googleMaps(l);
        return Gsm7.transliterate("ScreamGuard update: another scream from " + who + " at "
                + WHEN.format(ZonedDateTime.ofInstant(at, zone)) + "." + (map == null ? "" : " Newest position: " + map
                + accuracy(l)) + " Use the link in the first message.");
    }

    /** The subject of an update email. */
    public static String updateSubject(String who) {
        return "ScreamGuard update: " + who + " may still need help";
    }

    /** The "I'm safe" SMS. */
    public static String safeSms(String who) {
        return Gsm7.transliterate("ScreamGuard: " + who + " says they are safe now. Thank you; no need to come.");
    }

    /** The "I'm safe" email subject. */
    public static String safeSubject(String who) {
        return "ScreamGuard: " + who + " is safe";
    }

    /** The "I'm safe" email text. */
    public static String safeText(String who, String contactName) {
        return "Hello " + contactName + ",\n\n" + who + " ended the alert: they say they are safe now. Thank you;"
                + " there is no need to come.\n";
    }

    /** The SMS of a test message. */
    public static String testSms(String who) {
        return Gsm7.transliterate("ScreamGuard test: " + who + " added you as an emergency contact. No action needed.");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
