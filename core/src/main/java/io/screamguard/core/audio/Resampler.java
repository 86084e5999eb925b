package io.screamguard.core.audio;

import java.util.Objects;

/**
 * Offline band-limited resampling of a whole signal (a Kaiser-windowed sinc polyphase filter designed after
 * soxr "HQ", see {@link StreamResampler}): any rational ratio, linear phase, time-aligned with the input, output
 * length {@code ceil(n * toHz / fromHz)} like {@code librosa.resample}.
 *
 * <p>Exactly the same samples as a {@link StreamResampler} fed the same input in any chunks and then
 * flushed. Thread-safe (stateless).
 */
public final class Resampler {

    private Resampler() {
    }

    /**
     * Resamples a whole signal.
     *
     * @param in     samples at {@code fromHz}, not null
     * @param fromHz the input rate in Hz, > 0
     * @param toHz   the output rate in Hz, > 0
     * @return a new array of {@code ceil(in.length * toHz / fromHz)} samples at {@code toHz}; a copy of
     *     {@code in} when the rates are equal
     */
    public static float[] resample(float[] in, int fromHz, int toHz) {
        Objects.requireNonNull(in, "in");
        StreamResampler stream = new StreamResampler(fromHz, toHz);
        float[] head = stream.process(in);
        float[] tail = stream.flush();
        if (tail.length == 0) {
            return head;
        }
        float[] out = new float[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
