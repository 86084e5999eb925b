package io.screamguard.training.streams;

/**
 * Where a scream clip sits in a synthetic stream.
 *
 * @param startSeconds where the clip starts
 * @param onsetSeconds where the scream starts: the first 20 ms frame within 20 dB of the clip's loudest
 * @param endSeconds   where the clip ends
 * @param source       the clip's source
 */
public record ScreamMark(double startSeconds, double onsetSeconds, double endSeconds, String source) {

    public ScreamMark {
        if (!(startSeconds <= onsetSeconds && onsetSeconds <= endSeconds)) {
            throw new IllegalArgumentException("need start <= onset <= end, got " + startSeconds + ", "
                    + onsetSeconds + ", " + endSeconds);
        }
    }
}
