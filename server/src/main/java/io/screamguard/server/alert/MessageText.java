package io.screamguard.server.alert;

import io.screamguard.server.location.Location;
import io.screamguard.server.location.LocationSource;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the alert messages, in the contact's language from the message bundles
 * {@code messages/alerts*.properties} (English, German; any other language gets English). Pure
 * functions; thread-safe.
 *
 * <p>The SMS always fits two GSM-7 segments (306 septets): the links are kept whole and the
 * person's name is shortened (with "...") when it is long; characters outside GSM-7 are
 * transliterated so one letter cannot turn the message into UCS-2.
 */
public final class MessageText {
    /** Septets of two concatenated segments. */
    public static final int MAX_SMS_SEPTETS = 2 * Gsm7.MULTI_SEGMENT_SEPTETS;
    private static final int MIN_NAME_CHARS = 12;
    private static final ResourceBundle.Control NO_JVM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private MessageText() {
    }

    /** The bundle of a language tag; English when there is none for it. */
    static ResourceBundle bundle(String language) {
        return ResourceBundle.getBundle("messages.alerts", Locale.forLanguageTag(language == null ? "en" : language),
                NO_JVM_LOCALE);
    }

    private static String t(ResourceBundle b, String key, Object... args) {
        String pattern = b.getString(key);
        return args.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, b.getLocale()).format(args);
    }

    private static String t(AlertMessage m, String key, Object... args) {
        return t(bundle(m.language()), key, args);
    }

    /** "14:32 CET, Fri 4 Dec" in the person's time zone and the contact's language. */
    static String when(ResourceBundle b, Instant at, ZoneId zone) {
        Locale locale = b.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : b.getLocale();
        return DateTimeFormatter.ofPattern(b.getString("when"), locale).format(ZonedDateTime.ofInstant(at, zone));
    }

    static String when(AlertMessage m) {
        return when(bundle(m.language()), m.detectedAt(), m.timeZone());
    }

    static String percent(AlertMessage m) {
        return Long.toString(Math.round(m.probability() * 100));
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

    /** " (within 12 m)", or "" when the accuracy is unknown. */
    private static String accuracy(ResourceBundle b, Location l) {
        return l.accuracyMeters() == null ? "" : " " + t(b, "accuracy", String.format(Locale.ROOT, "%.0f", l.accuracyMeters()));
    }

    private static String sourceWords(ResourceBundle b, Location l) {
        return t(b, l.source() == LocationSource.BROWSER ? "source.browser"
                : l.source() == LocationSource.IP ? "source.ip" : "source.none");
    }

    /**
     * The SMS: who, what, when (in the person's time zone), confidence, the map link and the
     * incident link, in at most two GSM-7 segments.
     */
    public static String sms(AlertMessage m) {
        ResourceBundle b = bundle(m.language());
        String map = googleMaps(m.location());
        String where = map == null ? " " + t(b, "sms.unknown") : " " + t(b, "sms.map", map) + accuracy(b, m.location());
        String rest = " " + t(b, "sms.body", when(m), percent(m)) + where + " " + t(b, "sms.details", m.incidentUrl());
        String head = t(b, m.duress() ? "sms.head.duress" : "sms.head") + " ";
        String name = Gsm7.transliterate(m.who().strip());
        String tail = Gsm7.transliterate(rest);
        head = Gsm7.transliterate(head);
        String text = head + name + tail;
        if (Gsm7.septets(text) <= MAX_SMS_SEPTETS) {
            return text;
        }
        int budget = MAX_SMS_SEPTETS - Gsm7.septets(head) - Gsm7.septets(tail) - 3;
        if (budget < MIN_NAME_CHARS) { // a very long position line: drop the accuracy, keep the links
            tail = Gsm7.transliterate(" " + t(b, "sms.body.short", when(m), percent(m))
                    + (map == null ? "" : " " + t(b, "sms.map", map)) + " " + m.incidentUrl());
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
        return (m.duress() ? t(m, "email.subject.duress") + " " : "") + t(m, "email.subject", m.who());
    }

    /** The email's plain-text part. */
    public static String emailText(AlertMessage m) {
        ResourceBundle b = bundle(m.language());
        Location l = m.location();
        StringBuilder out = new StringBuilder()
                .append(t(b, "email.hello", m.contactName())).append("\n\n")
                .append(t(b, "email.what", m.who(), when(m), percent(m))).append("\n\n");
        if (m.duress()) {
            out.append(t(b, "duress")).append("\n\n");
        }
        if (l.latitude() == null) {
            out.append(t(b, "email.location.unknown")).append('\n');
        } else {
            out.append(t(b, "email.location")).append(": ")
                    .append(String.format(Locale.ROOT, "%.5f, %.5f", l.latitude(), l.longitude()))
                    .append(accuracy(b, l)).append(", ").append(sourceWords(b, l)).append(".\n");
            if (l.address() != null) {
                out.append(t(b, "email.address")).append(": ").append(l.address()).append('\n');
            }
            out.append("Google Maps: ").append(googleMaps(l)).append('\n')
                    .append("OpenStreetMap: ").append(openStreetMap(l)).append('\n');
        }
        out.append('\n').append(t(b, "email.incident")).append(": ").append(m.incidentUrl()).append('\n');
        if (!m.note().isBlank()) {
            out.append('\n').append(t(b, "email.note")).append(": ").append(m.note()).append('\n');
        }
        return out.append('\n').append(t(b, "email.emergency")).append('\n').toString();
    }

    /** The email's HTML part (every value escaped). */
    public static String emailHtml(AlertMessage m) {
        ResourceBundle b = bundle(m.language());
        Location l = m.location();
        StringBuilder out = new StringBuilder("<!doctype html><html lang=\"").append(esc(m.language()))
                .append("\"><body style=\"font-family:sans-serif\">")
                .append("<p>").append(esc(t(b, "email.hello", m.contactName()))).append("</p>")
                .append("<p><strong>").append(esc(t(b, "email.what", m.who(), when(m), percent(m)))).append("</strong></p>");
        if (m.duress()) {
            out.append("<p><strong>").append(esc(t(b, "duress"))).append("</strong></p>");
        }
        if (l.latitude() == null) {
            out.append("<p>").append(esc(t(b, "email.location.unknown"))).append("</p>");
        } else {
            out.append("<p>").append(esc(t(b, "email.location"))).append(": ")
                    .append(String.format(Locale.ROOT, "%.5f, %.5f", l.latitude(), l.longitude()))
                    .append(esc(accuracy(b, l))).append(", ").append(esc(sourceWords(b, l))).append(".");
            if (l.address() != null) {
                out.append("<br>").append(esc(t(b, "email.address"))).append(": ").append(esc(l.address()));
            }
            out.append("</p><p><a href=\"").append(esc(googleMaps(l))).append("\">").append(esc(t(b, "email.open.google")))
                    .append("</a> &middot; <a href=\"").append(esc(openStreetMap(l))).append("\">")
                    .append(esc(t(b, "email.open.osm"))).append("</a></p>");
        }
        out.append("<p><a href=\"").append(esc(m.incidentUrl())).append("\">").append(esc(t(b, "email.open.incident")))
                .append("</a></p>");
        if (!m.note().isBlank()) {
            out.append("<p>").append(esc(t(b, "email.note"))).append(": ").append(esc(m.note())).append("</p>");
        }
        return out.append("<p>").append(esc(t(b, "email.emergency"))).append("</p></body></html>").toString();
    }

    /**
     * The TwiML of the voice call: the alert read twice ({@code <Say loop="2">}) in the contact's
     * language, without links (the SMS and the email carry them). Every value is XML-escaped.
     */
    public static String voiceTwiml(AlertMessage m) {
        ResourceBundle b = bundle(m.language());
        String text = (m.duress() ? t(b, "duress") + " " : "") + t(b, "voice.text", m.who(), when(m));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"" + esc(t(b, "voice.lang"))
                + "\" loop=\"2\">" + esc(text) + "</Say></Response>";
    }

    /** An update (another incident joined the alert): the time and the newest position. */
    public static String updateSms(String language, String who, Instant at, ZoneId zone, Location l) {
        ResourceBundle b = bundle(language);
        String map = googleMaps(l);
        return Gsm7.transliterate(t(b, "update.sms", who, when(b, at, zone))
                + (map == null ? "" : " " + t(b, "update.position", map) + accuracy(b, l)) + " " + t(b, "update.tail"));
    }

    /** The subject of an update email. */
    public static String updateSubject(String language, String who) {
        return t(bundle(language), "update.subject", who);
    }

    /** The subject of an escalated email: a reminder that nobody answered. */
    public static String reminderSubject(String language, String subject) {
        return t(bundle(language), "escalation.prefix") + " " + subject;
    }

    /** The "I'm safe" SMS. */
    public static String safeSms(String language, String who) {
        return Gsm7.transliterate(t(bundle(language), "safe.sms", who));
    }

    /** The "I'm safe" email subject. */
    public static String safeSubject(String language, String who) {
        return t(bundle(language), "safe.subject", who);
    }

    /** The "I'm safe" email text. */
    public static String safeText(String language, String who, String contactName) {
        return t(bundle(language), "safe.text", who, contactName);
    }

    /** The SMS of a test message. */
    public static String testSms(String language, String who) {
        return Gsm7.transliterate(t(bundle(language), "test.sms", who));
    }

    /** The subject of a test email. */
    public static String testSubject(String language) {
        return t(bundle(language), "test.subject");
    }

    /** The text of a test email. */
    public static String testText(String language, String who, String contactName) {
        return t(bundle(language), "test.text", who, contactName);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
