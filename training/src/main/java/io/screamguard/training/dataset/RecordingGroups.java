package io.screamguard.training.dataset;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original recording a file was cut from, guessed from its name, for sources that have no
 * group folders. Pieces of one recording must never straddle a cross-validation split.
 *
 * <p>Rules, first match wins, after dropping the extension and a {@code __pNNofMM} piece suffix:
 * <ol>
 *   <li>UrbanSound8K slices {@code FSID-CLASS-OCCURRENCE-SLICE}: the Freesound id;</li>
 *   <li>a UUID anywhere in the name (donateacry-corpus: one per app installation): the UUID;</li>
 *   <li>a leading Freesound id {@code 12345__user__title}: the id;</li>
 *   <li>otherwise the name without a trailing take number ({@code damm_3}, {@code scream_p2_0},
 *       {@code title__2_}).</li>
 * </ol>
 */
public final class RecordingGroups {

    private static final Pattern PIECE = Pattern.compile("__p\\d+of\\d+$");
    private static final Pattern URBAN_SOUND = Pattern.compile("(?:^|__)(\\d+)-\\d+-\\d+-\\d+$");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern FREESOUND = Pattern.compile("^(\\d{3,})__");
    private static final List<Pattern> TAKE_SUFFIXES = List.of(
            Pattern.compile("__\\d+_$"), Pattern.compile("_\\d+$"));

    private RecordingGroups() {
    }

    /**
     * The recording key of a file name.
     *
     * @param fileName a file name such as {@code speech__clnsp12__p01of02.flac}
     * @return a non-blank key such as {@code speech__clnsp12}
     */
    public static String recordingKey(String fileName) {
        String stem = fileName;
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        stem = PIECE.matcher(stem).replaceFirst("");
        Matcher urban = URBAN_SOUND.matcher(stem);
        if (urban.find()) {
            return "urbansound8k-" + urban.group(1);
        }
        Matcher uuid = UUID.matcher(stem);
        if (uuid.find()) {
            return uuid.group().toLowerCase(java.util.Locale.ROOT);
        }
        Matcher freesound = FREESOUND.matcher(stem);
        if (freesound.find()) {
            return "freesound-" + freesound.group(1);
        }
        for (Pattern suffix : TAKE_SUFFIXES) {
            String trimmed = suffix.matcher(stem).replaceFirst("");
            if (!trimmed.isBlank() && !trimmed.equals(stem)) {
                return trimmed;
            }
        }
        return stem.isBlank() ? fileName : stem;
    }
}
