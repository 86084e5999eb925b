package io.screamguard.training.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source's {@code manifest.csv}: per file (its path relative to the source folder, with
 * {@code /} separators) the {@code subtype} and {@code license} columns. A source without a
 * manifest, or a manifest without those columns, has an empty manifest: clips then take their
 * class folder's name as subtype and an "unknown" licence.
 *
 * @param subtypeByFile relative path -> subtype (blank subtypes left out)
 * @param licenceByFile relative path -> licence text (blank licences left out)
 */
record Manifest(Map<String, String> subtypeByFile, Map<String, String> licenceByFile) {

    static final String FILE_NAME = "manifest.csv";

    /** Reads {@code sourceDir/manifest.csv}; empty when it is absent or unreadable. */
    static Manifest read(Path sourceDir) {
        Path file = sourceDir.resolve(FILE_NAME);
        Map<String, String> subtypes = new LinkedHashMap<>();
        Map<String, String> licences = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return new Manifest(subtypes, licences);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Manifest(subtypes, licences);
        }
        if (lines.isEmpty()) {
            return new Manifest(subtypes, licences);
        }
        List<String> header = Csv.parseLine(lines.get(0));
        int fileColumn = header.indexOf("file");
        int subtypeColumn = header.indexOf("subtype");
        int licenceColumn = header.indexOf("license");
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = Csv.parseLine(line);
            String name = field(fields, fileColumn);
            if (name.isBlank()) {
                continue;
            }
            String subtype = field(fields, subtypeColumn).trim();
            if (!subtype.isEmpty()) {
                subtypes.put(name, subtype);
            }
            String licence = field(fields, licenceColumn);
            if (!licence.isBlank()) {
                licences.put(name, licence);
            }
        }
        return new Manifest(subtypes, licences);
    }

    private static String field(List<String> fields, int column) {
        return column >= 0 && column < fields.size() ? fields.get(column) : "";
    }

    /** The subtype the manifest gives {@code relativePath}, or {@code fallback}. */
    String subtypeOf(String relativePath, String fallback) {
        return subtypeByFile.getOrDefault(relativePath, fallback);
    }
}
