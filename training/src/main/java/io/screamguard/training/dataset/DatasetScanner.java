package io.screamguard.training.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds labelled clips under data folders laid out as {@code SOURCE/{scream,non_scream}/[group/]file}
 * (the shared datasets) or as a plain {@code {scream,non_scream}} folder (then the folder is a
 * single source).
 *
 * <p>Every regular, non-hidden file under a class folder is a candidate clip; the decoder decides
 * by magic bytes whether it is audio. The group of a clip is its first sub-folder under the class
 * folder when there is one, else the recording key of its name ({@link RecordingGroups}).
 */
public final class DatasetScanner {

    /** Folder name of the scream class. */
    public static final String SCREAM = "scream";
    /** Folder name of the non-scream class. */
    public static final String NON_SCREAM = "non_scream";

    private DatasetScanner() {
    }

    /**
     * Scans the folders.
     *
     * @param roots data folders, at least one
     * @return the clips found
     * @throws DatasetException when a folder is missing, holds no class folders, or no clips at all
     */
    public static Dataset scan(List<Path> roots) throws DatasetException {
        if (roots.isEmpty()) {
            throw new DatasetException("no data folder given: pass --data DIR (a folder with scream/ and "
                    + "non_scream/ sub-folders, or with SOURCE/scream and SOURCE/non_scream)");
        }
        List<Clip> clips = new ArrayList<>();
        Map<String, Map<String, Integer>> licences = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new DatasetException("data folder " + root + " does not exist or is not a folder: "
                        + "check the path given to --data");
            }
            List<Path> sourceDirs = sourceDirs(root);
            if (sourceDirs.isEmpty()) {
                throw new DatasetException("data folder " + root + " has no scream/ or non_scream/ folder, "
                        + "neither directly nor in a SOURCE sub-folder: lay it out as "
                        + "DIR/{scream,non_scream}/file or DIR/SOURCE/{scream,non_scream}/[group/]file");
            }
            for (Path sourceDir : sourceDirs) {
                String source = sourceDir.toAbsolutePath().normalize().getFileName().toString();
                List<Clip> found = scanSource(sourceDir, source);
                clips.addAll(found);
                if (!found.isEmpty()) {
                    licences.merge(source, licences(sourceDir, found.size()), (a, b) -> {
                        Map<String, Integer> sum = new TreeMap<>(a);
                        b.forEach((k, v) -> sum.merge(k, v, Integer::sum));
                        return sum;
                    });
                }
            }
        }
        if (clips.isEmpty()) {
            throw new DatasetException("no files found under " + roots + " in any scream/ or non_scream/ folder: "
                    + "put the recordings there");
        }
        clips.sort(Comparator.comparing(Clip::source).thenComparing(c -> c.path().toString()));
        return new Dataset(clips, licences);
    }

    private static List<Path> sourceDirs(Path root) throws DatasetException {
        if (isClassFolder(root.resolve(SCREAM)) || isClassFolder(root.resolve(NON_SCREAM))) {
            return List.of(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(d -> isClassFolder(d.resolve(SCREAM)) || isClassFolder(d.resolve(NON_SCREAM)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list data folder " + root + ": " + e.getMessage());
        }
    }

    private static boolean isClassFolder(Path dir) {
        return Files.isDirectory(dir);
    }

    private static List<Clip> scanSource(Path sourceDir, String source) throws DatasetException {
        Manifest manifest = Manifest.read(sourceDir);
        List<Clip> clips = new ArrayList<>();
        for (String className : List.of(SCREAM, NON_SCREAM)) {
            Path classDir = sourceDir.resolve(className);
            if (!Files.isDirectory(classDir)) {
                continue;
            }
            int label = className.equals(SCREAM) ? 1 : 0;
            try (Stream<Path> files = Files.walk(classDir)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted()
                        .forEach(f -> clips.add(new Clip(f, source, groupOf(classDir, f), label,
                                manifest.subtypeOf(relativeName(sourceDir, f), className))));
            } catch (IOException | UncheckedIOException e) {
                throw new DatasetException("cannot read folder " + classDir + ": " + e.getMessage());
            }
        }
        return clips;
    }

    /** The manifest's name of a file: its path under the source folder with {@code /} separators. */
    static String relativeName(Path sourceDir, Path file) {
        Path relative = sourceDir.relativize(file);
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    static String groupOf(Path classDir, Path file) {
        Path relative = classDir.relativize(file);
        if (relative.getNameCount() > 1) {
            return relative.getName(0).toString();
        }
        return RecordingGroups.recordingKey(file.getFileName().toString());
    }

    /** Licence name -> clip count from SOURCE/manifest.csv (column "license"), else all "unknown". */
    static Map<String, Integer> licences(Path sourceDir, int clipCount) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Manifest.read(sourceDir).licenceByFile().values().forEach(licence -> counts.merge(licence, 1, Integer::sum));
        if (counts.isEmpty()) {
            counts.put("unknown (no manifest.csv with a license column)", clipCount);
        }
        return counts;
    }
}
