package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {

    @Test
    void reads_utime_and_stime_after_a_command_name_with_spaces_and_parentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 0 0 20 0 40 0 "
                + "100 5000000000 120000 18446744073709551615";

        assertEquals(1234 + 567, ProcessSampler.cpuTicks(stat));
    }

    @Test
    void reads_the_resident_set_in_bytes() {
        var lines = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmRSS:\t  524288 kB", "Threads:\t40");

        assertEquals(512L * 1024 * 1024, ProcessSampler.rssBytes(lines));
        assertEquals(0, ProcessSampler.rssBytes(List.of("Name:\tkthread")));
    }

    @Test
    void one_hundred_ticks_in_one_second_is_one_full_core() {
        assertEquals(100.0, ProcessSampler.cpuPercent(100, 1_000_000_000L), 1e-9);
        assertEquals(150.0, ProcessSampler.cpuPercent(300, 2_000_000_000L), 1e-9);
    }

    @Test
    void samples_this_very_process() {
        var sampler = new ProcessSampler(ProcessHandle.current().pid());
        Assumptions.assumeTrue(sampler.available(), "needs Linux /proc");

        sampler.sample();

        assertTrue(sampler.maxRssBytes() > 1024 * 1024, "a JVM holds more than 1 MiB: " + sampler.maxRssBytes());
    }
}
