package io.screamguard.training.dataset;

import java.nio.file.Path;

/**
 * One labelled recording.
 *
 * @param path   the audio file
 * @param source the source it came from (the top folder, e.g. {@code debian-games})
 * @param group  the recording group inside the source: clips of one group never straddle a
 *               cross-validation split (a game package, or one original recording)
 * @param label  1 = scream, 0 = non-scream
 */
public record Clip(Path path, String source, String group, int label) {

    public Clip {
        if (path == null) {
            throw new IllegalArgumentException("clip path must not be null");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("clip source must not be blank, got '" + source + "' for " + path);
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("clip group must not be blank, got '" + group + "' for " + path);
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("clip label must be 0 or 1, got " + label + " for " + path);
        }
    }

    /** Whether this clip is labelled scream. */
    public boolean isScream() {
        return label == 1;
    }

    /** Source and group, unique across sources. */
    public String groupKey() {
        return source + "/" + group;
    }
}
