package io.screamguard.training.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.training.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void bench_reports_cpu_milliseconds_per_audio_second_for_both_configurations() {
        StringWriter out = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("bench", "--seconds", "1", "--rounds", "1");

        assertEquals(0, code);
        assertTrue(out.toString().contains("librosa22050"), out.toString());
        assertTrue(out.toString().contains("analysis"), out.toString());
        assertTrue(out.toString().matches("(?s).*streaming: \\d+\\.\\d{3} ms CPU per audio-second.*"), out.toString());
    }

    @Test
    void the_top_command_lists_its_subcommands() {
        StringWriter out = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("--help");

        assertEquals(0, code);
        assertTrue(out.toString().contains("features") && out.toString().contains("bench"), out.toString());
    }
}
