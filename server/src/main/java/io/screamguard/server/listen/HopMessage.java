package io.screamguard.server.listen;

/**
 * Writes the hop message ({@link StreamMessages.Hop}), the one a stream sends twice a second, by
 * hand: the same text as the JSON mapper gives (field order, snake_case names, numbers as
 * {@link Double#toString}, NaN and infinities as quoted strings), without its per-message lookup of
 * the record's serializer and accessor calls by reflection. {@code HopMessageTest} compares the two.
 */
final class HopMessage {
    private HopMessage() {
    }

    /** The message for one hop (see {@link StreamMessages.Hop} for the fields). */
    static String json(double t, double probability, double rms, String state, long droppedWindows, double threshold) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"type\":\"hop\",\"t\":");
        number(b, t);
        b.append(",\"probability\":");
        number(b, probability);
        b.append(",\"rms\":");
        number(b, rms);
        b.append(",\"state\":");
        string(b, state);
        b.append(",\"dropped_windows\":").append(droppedWindows).append(",\"threshold\":");
        number(b, threshold);
        return b.append('}').toString();
    }

    private static void number(StringBuilder b, double v) {
        if (Double.isFinite(v)) {
            b.append(Double.toString(v));
        } else {
            b.append('"').append(v).append('"'); // as the mapper does (QUOTE_NON_NUMERIC_NUMBERS)
        }
    }

    private static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    default -> b.append(String.format("\\u%04X", (int) c));
                }
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
