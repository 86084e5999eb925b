package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoadPlanTest {

    private static LoadPlan plan(String url, double duration, double ramp) {
        return new LoadPlan(URI.create(url), 10, duration, ramp, 20, 48_000, 0, 1);
    }

    @Test
    void refuses_a_host_that_is_not_this_machine() {
        var error = assertThrows(IllegalArgumentException.class, () -> plan("ws://192.0.2.7:8080/api/stream", 10, 1));
        assertTrue(error.getMessage().contains("192.0.2.7"), error.getMessage());
    }

    @Test
    void accepts_localhost_and_loopback_addresses() {
        assertEquals(960, plan("ws://localhost:8080/api/stream", 10, 1).frameSamples());
        assertEquals(URI.create("http://127.0.0.1:9000/metrics"), plan("ws://127.0.0.1:9000/api/stream", 10, 1).metricsUrl());
        assertEquals(502, plan("ws://[::1]:9000/api/stream", 10, 1).maxFramesPerStream());
    }

    @Test
    void refuses_a_ramp_as_long_as_the_run() {
        var error = assertThrows(IllegalArgumentException.class, () -> plan("ws://localhost:1/api/stream", 5, 5));
        assertTrue(error.getMessage().contains("rampSeconds"), error.getMessage());
    }

    @Test
    void refuses_an_http_url() {
        assertThrows(IllegalArgumentException.class, () -> plan("http://localhost:8080/api/stream", 5, 1));
    }
}
