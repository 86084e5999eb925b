package io.screamguard.core.audio;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts a stream of samples, pushed in pieces of any size, into fixed-length windows that start every
 * {@code hopSamples}: window k covers samples [k*hop, k*hop + window) of the stream. The windows are
 * the same whatever the piece sizes. A hop larger than the window skips the samples in between.
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class SampleWindower {

    private final int windowSamples;
    private final int hopSamples;
    private final float[] buffer;
    private int filled;
    private long skipSamples;

    /**
     * @param windowSamples samples per window, > 0 (e.g. 16000 for 1 s at 16 kHz)
     * @param hopSamples    samples between window starts, > 0
     */
    public SampleWindower(int windowSamples, int hopSamples) {
        if (windowSamples <= 0) {
            throw new IllegalArgumentException("windowSamples must be > 0, got " + windowSamples);
        }
        if (hopSamples <= 0) {
            throw new IllegalArgumentException("hopSamples must be > 0, got " + hopSamples);
        }
        this.windowSamples = windowSamples;
        this.hopSamples = hopSamples;
        this.buffer = new float[windowSamples];
    }

    /**
     * Appends samples and hands every window completed by them to the sink, oldest first. Each
     * window is a fresh array the sink may keep.
     *
     * @param samples    the next samples of the stream, not null (may be empty)
     * @param windowSink receives each completed window, not null
     */
    public void push(float[] samples, Consumer<float[]> windowSink) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(windowSink, "windowSink");
        int i = 0;
        while (i < samples.length) {
            if (skipSamples > 0) {
                int skipped = (int) Math.min(skipSamples, samples.length - i);
                i += skipped;
                skipSamples -= skipped;
                continue;
            }
            int copied = Math.min(windowSamples - filled, samples.length - i);
            System.arraycopy(samples, i, buffer, filled, copied);
            filled += copied;
            i += copied;
            if (filled == windowSamples) {
                windowSink.accept(buffer.clone());
                advance();
            }
        }
    }

    private void advance() {
        if (hopSamples < windowSamples) {
            System.arraycopy(buffer, hopSamples, buffer, 0, windowSamples - hopSamples);
            filled = windowSamples - hopSamples;
        } else {
            filled = 0;
            skipSamples = hopSamples - (long) windowSamples;
        }
    }
}
