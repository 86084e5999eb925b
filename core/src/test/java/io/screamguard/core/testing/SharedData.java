package io.screamguard.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared data directory ({@code ../shared} beside the project) and skips tests that need
 * something absent, except on CI (environment variable {@code CI=true}) where absence is a failure.
 *
 * <p>The directory comes from the system property {@code screamguard.shared} (surefire sets it to
 * {@code <project root>/../shared}); without it, {@code ../shared} and {@code ../../shared} relative
 * to the working directory are tried.
 */
public final class SharedData {

    private SharedData() {
    }

    /** @return the shared directory (it may not exist) */
    public static Path root() {
        String property = System.getProperty("screamguard.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path one = Path.of("..", "shared").toAbsolutePath().normalize();
        if (Files.isDirectory(one)) {
            return one;
        }
        return Path.of("..", "..", "shared").toAbsolutePath().normalize();
    }

    /** @return {@code ../shared/datasets}, after skipping the test (or failing on CI) when absent */
    public static Path assumeDatasets() {
        return require(root().resolve("datasets"), "the datasets in ../shared/datasets");
    }

    /** @return {@code ../shared/golden}, after skipping the test (or failing on CI) when absent */
    public static Path assumeGolden() {
        return require(root().resolve("golden"), "the librosa reference figures in ../shared/golden");
    }

    /**
     * Skips the test (or fails on CI) unless an {@code ffmpeg} executable is on the PATH.
     *
     * @return the path of the ffmpeg executable
     */
    public static Path requireFfmpeg() {
        Path found = findOnPath("ffmpeg");
        if (found == null) {
            absent("ffmpeg on the PATH (install it: apt-get install ffmpeg)");
        }
        return found;
    }

    /** @return true when the environment variable CI is "true" */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Path require(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            absent(what + " at " + dir);
        }
        return dir;
    }

    private static void absent(String what) {
        String message = "this test needs " + what;
        if (onCi()) {
            fail(message + " (CI=true, so absence is a failure)");
        }
        assumeTrue(false, message + "; skipped");
    }

    private static Path findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
