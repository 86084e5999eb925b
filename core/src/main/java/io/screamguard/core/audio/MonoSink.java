package io.screamguard.core.audio;

/**
 * Receives a decode's mono samples block by block instead of one array, so a recording of any
 * length is decoded in constant memory ({@link AudioDecoder#stream}). Called on the decoding thread;
 * implementations need not be thread-safe.
 */
public interface MonoSink {

    /**
     * Called once, before any samples, when the decoder knows the source rate.
     *
     * @param sampleRateHz the source rate (1000..384000 Hz)
     */
    void start(int sampleRateHz);

    /**
     * The next mono samples at the source rate; the array is reused after the call returns.
     *
     * @param samples the block (only the first {@code length} are valid)
     * @param length  valid samples, &gt; 0
     */
    void accept(float[] samples, int length);
}
