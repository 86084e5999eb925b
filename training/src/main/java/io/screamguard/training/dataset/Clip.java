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
 * @param subtype what kind of sound the source says it is ({@code laugh}, {@code amusement},
 *               {@code female_scream}, ...: the {@code subtype} column of the source's
 *               {@code manifest.csv}); the class folder's name ({@code scream} or
 *               {@code non_scream}) when the source does not say
 */
public record Clip(Path path, String source, String group, int label, String subtype) {

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
        if (subtype == null || subtype.isBlank()) {
            throw new IllegalArgumentException("clip subtype must not be blank, got '" + subtype + "' for " + path);
        }
    }

    /** A clip whose source does not name its subtype: the subtype is the class folder's name. */
    public Clip(Path path, String source, String group, int label) {
        this(path, source, group, label, label == 1 ? DatasetScanner.SCREAM : DatasetScanner.NON_SCREAM);
    }

    /** Source and subtype, the stratum that window sampling balances ({@code emogator/amusement}). */
    public String stratum() {
        return source + "/" + subtype;
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
