package io.screamguard.server.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.server.ServerApp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HopMessageTest {
    private final ObjectMapper json = ServerApp.objectMapper();

    private void assertSameAsTheMapper(double t, double p, double rms, String state, long dropped, double threshold)
            throws Exception {
        String expected = json.writeValueAsString(new StreamMessages.Hop("hop", t, p, rms, state, dropped, threshold));
        String written = HopMessage.json(t, p, rms, state, dropped, threshold);
        assertEquals(expected, written);
        assertEquals(json.readTree(expected), json.readTree(written), "parses to the same tree");
    }

    @Test
    void the_written_hop_message_is_the_text_the_json_mapper_gives_for_a_hundred_thousand_random_hops() throws Exception {
        SplittableRandom r = new SplittableRandom(12);
        String[] states = {"quiet", "below", "above", "incident"};
        for (int i = 0; i < 100_000; i++) {
            double t = 1 + r.nextInt(1_000_000) * 0.5;                  // the hop grid, any length of stream
            double p = r.nextInt(4) == 0 ? 0 : r.nextDouble();
            double rms = r.nextDouble() * Math.pow(10, -r.nextInt(8));  // down to tiny values (exponent notation)
            assertSameAsTheMapper(t, p, rms, states[r.nextInt(states.length)], r.nextLong(0, Long.MAX_VALUE),
                    r.nextDouble());
        }
    }

    @Test
    void edge_values_are_written_as_the_mapper_writes_them() throws Exception {
        double[] values = {0.0, -0.0, 1.0, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1e7, 1e-3, 9.999999e-4,
            123456789.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : values) {
            assertSameAsTheMapper(v, v, v, "below", 0, v);
        }
        assertSameAsTheMapper(1, 0.5, 0.1, "a \"quoted\" \\ state\n\t\u0001", Long.MAX_VALUE, 0.5);
        assertSameAsTheMapper(1, 0.5, 0.1, "é ünïcode ☃", 7, 0.5);
        assertSameAsTheMapper(1, 0.5, 0.1, null, 0, 0.5);
    }
}
