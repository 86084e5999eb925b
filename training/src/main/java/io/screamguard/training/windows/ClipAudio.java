package io.screamguard.training.windows;

import io.screamguard.training.dataset.Clip;

/**
 * A clip decoded to mono and resampled to the analysis rate.
 *
 * @param clip       the clip
 * @param samples    mono samples in [-1, 1] at {@code sampleRate}
 * @param sampleRate the analysis rate in Hz
 */
public record ClipAudio(Clip clip, float[] samples, int sampleRate) {

    /** Duration in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
