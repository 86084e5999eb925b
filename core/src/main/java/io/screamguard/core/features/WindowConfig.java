package io.screamguard.core.features;

/**
 * How a clip or stream is cut into the windows the model scores.
 *
 * @param windowSeconds window length in seconds (e.g. 1.0), long enough for one STFT frame
 * @param hopSeconds distance between window starts in seconds (e.g. 0.5); must be a whole number
 *     of STFT hops at the analysis rate so that overlapping windows share their frames
 */
public record WindowConfig(double windowSeconds, double hopSeconds) {

    /** One-second windows every half second. */
    public static final WindowConfig DEFAULT = new WindowConfig(1.0, 0.5);

    /** Validates the durations and names the bad value. */
    public WindowConfig {
        if (!(windowSeconds > 0 && windowSeconds <= 600)) {
            throw new IllegalArgumentException("windowSeconds must be in (0, 600], got " + windowSeconds);
        }
        if (!(hopSeconds > 0 && hopSeconds <= 600)) {
            throw new IllegalArgumentException("hopSeconds must be in (0, 600], got " + hopSeconds);
        }
    }

    /**
     * @param config the analysis settings
     * @return the window length in samples at {@code config.sampleRate()}
     * @throws IllegalArgumentException when the window is shorter than one STFT frame
     */
    public int windowSamples(FeatureConfig config) {
        int samples = (int) Math.round(windowSeconds * config.sampleRate());
        if (samples < config.nFft()) {
            throw new IllegalArgumentException("windowSeconds " + windowSeconds + " gives " + samples
                    + " samples, shorter than one STFT frame of " + config.nFft() + " samples at "
                    + config.sampleRate() + " Hz");
        }
        return samples;
    }

    /**
     * @param config the analysis settings
     * @return the window hop in samples at {@code config.sampleRate()}
     * @throws IllegalArgumentException when it is not a whole number of STFT hops
     */
    public int hopSamples(FeatureConfig config) {
        double exact = hopSeconds * config.sampleRate();
        long samples = Math.round(exact);
        if (Math.abs(exact - samples) > 1e-6 || samples % config.hopLength() != 0 || samples == 0) {
            throw new IllegalArgumentException("hopSeconds " + hopSeconds + " is " + exact + " samples at "
                    + config.sampleRate() + " Hz, not a whole number of STFT hops of " + config.hopLength()
                    + " samples; use a multiple of " + (config.hopLength() / (double) config.sampleRate()) + " s");
        }
        return (int) samples;
    }

    /**
     * @param config the analysis settings
     * @return STFT frames per window: {@code 1 + (windowSamples - nFft) / hopLength}
     */
    public int framesPerWindow(FeatureConfig config) {
        return 1 + (windowSamples(config) - config.nFft()) / config.hopLength();
    }
}
