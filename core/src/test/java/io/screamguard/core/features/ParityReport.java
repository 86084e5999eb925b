package io.screamguard.core.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Appends the worst parity error of each golden array to {@code target/parity-report.tsv}. */
final class ParityReport {
    private static final Path FILE = Path.of("target", "parity-report.tsv");

    private ParityReport() {
    }

    static synchronized void record(String file, String array, double worst, String unit) {
        try {
            Files.createDirectories(FILE.getParent());
            String line = String.format(Locale.ROOT, "%s\t%s\t%.3e\t%s%n", file, array, worst, unit);
            Files.writeString(FILE, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
