package io.screamguard.training.features;

import java.io.PrintWriter;
import java.util.List;

/**
 * The summary vectors of a folder.
 *
 * @param names feature names in vector order
 * @param rows one row per decoded clip, sorted by path
 * @param audioSeconds total duration of the decoded clips
 * @param cpuSeconds CPU time spent decoding, resampling and extracting, summed over threads
 * @param skipped number of files that could not be read
 */
record FolderSummary(List<String> names, List<Row> rows, double audioSeconds, double cpuSeconds, int skipped) {

    /**
     * @param path the file's path relative to the folder, with '/' separators
     * @param summary its summary vector
     */
    record Row(String path, float[] summary) {
    }

    void writeCsv(PrintWriter out) {
        StringBuilder line = new StringBuilder("path");
        for (String name : names) {
            line.append(',').append(name);
        }
        out.println(line);
        for (Row row : rows) {
            line.setLength(0);
            line.append(csvField(row.path()));
            for (float v : row.summary()) {
                line.append(',').append(v);
            }
            out.println(line);
        }
        out.flush();
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
