package io.screamguard.server.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One analysed window of a recording. JSON: {@code start_s, end_s, probability, rms, quiet}.
 *
 * @param startSeconds start of the window in audio time
 * @param endSeconds   end of the window in audio time
 * @param probability  scream probability in [0, 1]; 0 for a quiet (unscored) window
 * @param rms          linear RMS of the window's samples
 * @param quiet        true when below the loudness gate and therefore not scored
 */
public record WindowScore(@JsonProperty("start_s") double startSeconds, @JsonProperty("end_s") double endSeconds,
                          double probability, double rms, boolean quiet) {
    public WindowScore {
        if (!(endSeconds >= startSeconds)) {
            throw new IllegalArgumentException("endSeconds must be >= startSeconds, got " + startSeconds + ".." + endSeconds);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
    }
}
