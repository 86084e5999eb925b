package io.screamguard.server.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.server.location.LocationSource;
import io.screamguard.server.scoring.StreamFormat;
import org.junit.jupiter.api.Test;

class StreamProtocolTest {
    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void a_hello_gives_rate_encoding_and_channels() throws Exception {
        StreamFormat f = StreamProtocol.parseHello(json("{\"sampleRate\":44100,\"encoding\":\"F32LE\",\"channels\":2}"));

        assertEquals(new StreamFormat(44100, StreamFormat.Encoding.F32LE, 2), f);
        assertEquals(8, f.frameBytes());
    }

    @Test
    void channels_default_to_one() throws Exception {
        assertEquals(1, StreamProtocol.parseHello(json("{\"sampleRate\":16000,\"encoding\":\"s16le\"}")).channels());
    }

    @Test
    void a_fractional_or_textual_rate_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> StreamProtocol.parseHello(json("{\"sampleRate\":16000.5,\"encoding\":\"s16le\"}")));
        assertThrows(IllegalArgumentException.class,
                () -> StreamProtocol.parseHello(json("{\"sampleRate\":\"16000\",\"encoding\":\"s16le\"}")));
    }

    @Test
    void nine_channels_are_refused_naming_the_range() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamProtocol.parseHello(json("{\"sampleRate\":16000,\"encoding\":\"s16le\",\"channels\":9}")));

        assertTrue(e.getMessage().contains("1 and 8") && e.getMessage().contains("9"), e.getMessage());
    }

    @Test
    void a_location_message_is_a_browser_location() throws Exception {
        var l = StreamProtocol.parseLocation(json("{\"type\":\"location\",\"latitude\":1.5,\"longitude\":2.5,\"accuracy\":10}"));

        assertEquals(LocationSource.BROWSER, l.source());
        assertEquals(10.0, l.accuracyMeters());
    }

    @Test
    void a_location_without_longitude_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> StreamProtocol.parseLocation(json("{\"type\":\"location\",\"latitude\":1.5}")));
    }
}
