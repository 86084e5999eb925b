package io.screamguard.server.listen;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.location.Location;
import io.screamguard.server.scoring.StreamFormat;

/**
 * Parsing of the client's text messages. Each method throws {@link IllegalArgumentException}
 * with a reason fit for the close frame when the message is malformed.
 */
final class StreamProtocol {
    private StreamProtocol() {
    }

    /**
     * The hello: {@code {"sampleRate": 48000, "encoding": "s16le"|"f32le", "channels": 1}}
     * ({@code sample_rate} is accepted too; channels default to 1).
     */
    static StreamFormat parseHello(JsonNode hello) {
        JsonNode rate = hello.has("sampleRate") ? hello.get("sampleRate") : hello.get("sample_rate");
        if (rate == null || !rate.canConvertToInt() || !rate.isIntegralNumber()) {
            throw new IllegalArgumentException("hello needs an integer sampleRate (8000..96000), got " + rate);
        }
        JsonNode enc = hello.get("encoding");
        if (enc == null || !enc.isTextual()) {
            throw new IllegalArgumentException("hello needs encoding \"s16le\" or \"f32le\", got " + enc);
        }
        JsonNode ch = hello.get("channels");
        if (ch != null && !ch.isIntegralNumber()) {
            throw new IllegalArgumentException("hello channels must be an integer 1..8, got " + ch);
        }
        return new StreamFormat(rate.asInt(), StreamFormat.Encoding.parse(enc.asText()), ch == null ? 1 : ch.asInt());
    }

    /** A location update: {@code {"type":"location","latitude","longitude","accuracy"}}. */
    static Location parseLocation(JsonNode msg) {
        JsonNode lat = msg.get("latitude");
        JsonNode lon = msg.get("longitude");
        JsonNode acc = msg.get("accuracy");
        if (lat == null || !lat.isNumber() || lon == null || !lon.isNumber()) {
            throw new IllegalArgumentException("location needs numeric latitude and longitude, got " + msg);
        }
        if (acc != null && !acc.isNull() && !acc.isNumber()) {
            throw new IllegalArgumentException("location accuracy must be a number of metres, got " + acc);
        }
        return Location.fromBrowser(lat.asDouble(), lon.asDouble(), acc == null || acc.isNull() ? null : acc.asDouble());
    }

    /**
     * The optional {@code "time_zone"} (or {@code "timeZone"}) of the hello, an IANA name such as
     * Europe/Berlin (a browser's {@code Intl.DateTimeFormat().resolvedOptions().timeZone}); UTC when absent.
     */
    static java.time.ZoneId parseTimeZone(JsonNode hello) {
        JsonNode tz = hello.has("time_zone") ? hello.get("time_zone") : hello.get("timeZone");
        if (tz == null || tz.isNull()) {
            return java.time.ZoneOffset.UTC;
        }
        if (!tz.isTextual()) {
            throw new IllegalArgumentException("hello time_zone must be an IANA name such as Europe/Berlin, got " + tz);
        }
        try {
            return java.time.ZoneId.of(tz.asText());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("hello time_zone must be an IANA name such as Europe/Berlin, got " + tz);
        }
    }
}
