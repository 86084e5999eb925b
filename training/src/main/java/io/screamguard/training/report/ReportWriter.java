package io.screamguard.training.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code report.md} and the plots into a model directory. */
public final class ReportWriter {

    /** The report file name. */
    public static final String REPORT_FILE = "report.md";

    /** Draws plots into a directory. */
    @FunctionalInterface
    public interface Plotter {
        /** @param dir the model directory */
        void draw(Path dir) throws IOException;
    }

    private ReportWriter() {
    }

    /**
     * @param dir      the model directory (created if needed)
     * @param markdown the report text
     * @param plotter  draws the PNG files the report links to
     * @throws IOException when writing fails
     */
    public static void write(Path dir, String markdown, Plotter plotter) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(REPORT_FILE), markdown, StandardCharsets.UTF_8);
        plotter.draw(dir);
    }
}
