package io.screamguard.server.alert;

import java.text.Normalizer;

/**
 * The GSM 03.38 default alphabet: septet counts, segment counts and a transliteration that keeps
 * an SMS in GSM-7 (a single character outside it would switch the whole message to UCS-2, 70
 * characters a segment instead of 160). Pure functions.
 */
public final class Gsm7 {
    /** The basic table: one septet each. */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: an escape plus one septet, two each. */
    static final String EXTENSION = "^{}\\[~]|€\f";
    /** Septets of a single-segment message. */
    public static final int SINGLE_SEGMENT_SEPTETS = 160;
    /** Septets per segment of a concatenated message (7 go to the user data header). */
    public static final int MULTI_SEGMENT_SEPTETS = 153;

    private Gsm7() {
    }

    /** True when every character is in the basic or extension table. */
    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0);
    }

    /**
     * Septets the text takes in GSM-7.
     *
     * @throws IllegalArgumentException when a character is outside GSM-7 (transliterate first)
     */
    public static int septets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                n += 1;
            } else if (EXTENSION.indexOf(c) >= 0) {
                n += 2;
            } else {
                throw new IllegalArgumentException("'" + c + "' (U+" + Integer.toHexString(c) + ") is not in GSM-7");
            }
        }
        return n;
    }

    /** SMS segments of a GSM-7 text: 1 up to 160 septets, then one per 153. */
    public static int segments(String text) {
        int s = septets(text);
        return s <= SINGLE_SEGMENT_SEPTETS ? 1 : (s + MULTI_SEGMENT_SEPTETS - 1) / MULTI_SEGMENT_SEPTETS;
    }

    /**
     * The text in GSM-7: characters of the alphabet stay, accents outside it are dropped
     * (Łódź -> Lodz, Ș -> S), typographic quotes and dashes become ASCII, anything else becomes '?'.
     */
    public static String transliterate(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0) {
                out.append(c);
                continue;
            }
            String replacement = switch (c) {
                case '\u2018', '\u2019', '\u201A', '\u2032' -> "'";
                case '\u201C', '\u201D', '\u201E', '\u2033' -> "\"";
                case '\u2013', '\u2014', '\u2212' -> "-";
                case '\u2026' -> "...";
                case '\u00A0', '\t' -> " ";
                case '\u0141' -> "L";
                case '\u0142' -> "l";
                case '\u0110' -> "D";
                case '\u0111' -> "d";
                case '\u00F8' -> "ø";
                default -> stripAccents(c);
            };
            out.append(replacement);
        }
        return out.toString();
    }

    private static String stripAccents(char c) {
        String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return !base.isEmpty() && isGsm7(base) ? base : "?";
    }
}
