package io.screamguard.training.windows;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import io.screamguard.training.dataset.Clip;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts clips at the analysis rate into windows and summarises each, exactly as the live path
 * does ({@link WindowFeatureExtractor#windows}), with each window's RMS for the loudness gate.
 * Thread-safe (one core extractor per thread).
 */
public final class WindowExtraction {

    private final FeatureConfig featureConfig;
    private final WindowConfig windowConfig;
    private final int windowSamples;
    private final int hopSamples;
    private final ThreadLocal<WindowFeatureExtractor> extractors;

    /**
     * @param featureConfig the analysis settings (sample rate, FFT, bands)
     * @param windowConfig  window length and hop in seconds
     */
    public WindowExtraction(FeatureConfig featureConfig, WindowConfig windowConfig) {
        this.featureConfig = featureConfig;
        this.windowConfig = windowConfig;
        this.windowSamples = windowConfig.windowSamples(featureConfig);
        this.hopSamples = windowConfig.hopSamples(featureConfig);
        this.extractors = ThreadLocal.withInitial(() -> new WindowFeatureExtractor(featureConfig, windowConfig));
    }

    /** Window length in samples at the analysis rate. */
    public int windowSamples() {
        return windowSamples;
    }

    /** Hop in samples at the analysis rate. */
    public int hopSamples() {
        return hopSamples;
    }

    /** The analysis rate in Hz. */
    public int sampleRate() {
        return featureConfig.sampleRate();
    }

    /**
     * The windows of one signal. A signal shorter than one window is zero-padded to one window,
     * so that a short scream clip is still scored once.
     *
     * @param clip    the clip the samples belong to
     * @param samples mono samples at the analysis rate
     * @return summaries and RMS of every window
     */
    public ClipWindows windows(Clip clip, float[] samples) {
        double durationSeconds = samples.length / (double) featureConfig.sampleRate();
        if (samples.length < windowSamples) {
            samples = Arrays.copyOf(samples, windowSamples);
        }
        List<float[]> summaries = extractors.get().windows(samples);
        double[] rms = WindowSignal.windowRms(samples, windowSamples, hopSamples);
        if (summaries.size() != rms.length) {
            // the core extractor decides which windows exist; RMS must follow it exactly
            double[] aligned = new double[summaries.size()];
            for (int i = 0; i < aligned.length; i++) {
                aligned[i] = WindowSignal.rms(samples, i * hopSamples, windowSamples);
            }
            rms = aligned;
        }
        return new ClipWindows(clip, summaries.toArray(new float[0][]), rms, durationSeconds);
    }

    /** The windows of every clip, on all cores, in input order. */
    public List<ClipWindows> windows(List<ClipAudio> clips, boolean showProgress) {
        try (Progress progress = Progress.of("features", clips.size(), showProgress)) {
            return clips.parallelStream().map(audio -> {
                ClipWindows w = windows(audio.clip(), audio.samples());
                progress.step();
                return w;
            }).toList();
        }
    }
}
