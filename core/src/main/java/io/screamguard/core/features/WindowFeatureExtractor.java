package io.screamguard.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The summary vector (in {@link FeatureSchema} order) of one window, of a whole clip, or of every
 * window of a clip, offline. Frames are not centred: frame {@code k} of a window starts at sample
 * {@code k * hopLength} of the window, exactly the frame grid a stream has, so
 * {@link #windows(float[])} gives the same vectors as {@link StreamingFeatureExtractor}.
 *
 * <p>Not thread-safe (it reuses its buffers): one instance per thread. The tables are shared
 * between instances of the same {@link FeatureConfig}, so an instance is cheap to create.
 */
public final class WindowFeatureExtractor {
    private final FeatureConfig config;
    private final WindowConfig windowConfig;
    private final FrameAnalyzer analyzer;
    private final WindowSummarizer summarizer;
    private final VectorWriter writer = new VectorWriter();
    private final FeatureSchema schema;
    private double[][] frames = new double[0][];

    /**
     * @param config analysis settings; input samples must be at {@code config.sampleRate()}
     * @param windowConfig window length and hop (validated against {@code config})
     */
    public WindowFeatureExtractor(FeatureConfig config, WindowConfig windowConfig) {
        this.config = Objects.requireNonNull(config, "config");
        this.windowConfig = Objects.requireNonNull(windowConfig, "windowConfig");
        windowConfig.windowSamples(config);
        windowConfig.hopSamples(config);
        FeaturePlan plan = FeaturePlan.of(config);
        this.analyzer = new FrameAnalyzer(plan);
        this.summarizer = plan.summarizer;
        this.schema = plan.schema;
    }

    /** @return the names and version of the vectors this extractor returns */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the analysis settings */
    public FeatureConfig config() {
        return config;
    }

    /** @return the window settings */
    public WindowConfig windowConfig() {
        return windowConfig;
    }

    /**
     * The summary of one window, or of a whole clip treated as one window: statistics over its
     * frames {@code 1 + (length - nFft) / hopLength}. A signal shorter than one frame is padded
     * with zeros to one frame; trailing samples that do not fill a frame are not analysed.
     *
     * @param window samples at the analysis rate, at least 1
     * @return a new vector of {@code schema().size()} values
     */
    public float[] summarize(float[] window) {
        Objects.requireNonNull(window, "window");
        if (window.length == 0) {
            throw new IllegalArgumentException("cannot summarize an empty window (0 samples)");
        }
        float[] samples = window;
        if (samples.length < config.nFft()) {
            samples = java.util.Arrays.copyOf(window, config.nFft());
        }
        int count = 1 + (samples.length - config.nFft()) / config.hopLength();
        computeFrames(samples, count);
        return writer.write(summarizer, frames, 0, count, schema.size());
    }

    /**
     * The summaries of every whole window of a clip: window {@code j} covers samples
     * {@code [j * hop, j * hop + window)}; a clip shorter than one window gives none (pad it, or
     * use {@link #summarize(float[])}, if one vector is needed). Each STFT frame is computed once.
     *
     * @param clip samples at the analysis rate
     * @return one vector per window, in time order; identical to what a
     *     {@link StreamingFeatureExtractor} emits for the same samples
     */
    public List<float[]> windows(float[] clip) {
        Objects.requireNonNull(clip, "clip");
        int windowSamples = windowConfig.windowSamples(config);
        int hopSamples = windowConfig.hopSamples(config);
        int framesPerWindow = windowConfig.framesPerWindow(config);
        int framesPerHop = hopSamples / config.hopLength();
        List<float[]> out = new ArrayList<>();
        if (clip.length < windowSamples) {
            return out;
        }
        int windows = 1 + (clip.length - windowSamples) / hopSamples;
        int frameCount = (windows - 1) * framesPerHop + framesPerWindow;
        computeFrames(clip, frameCount);
        for (int j = 0; j < windows; j++) {
            out.add(writer.write(summarizer, frames, j * framesPerHop, framesPerWindow, schema.size()));
        }
        return out;
    }

    private void computeFrames(float[] samples, int count) {
        if (frames.length < count) {
            double[][] grown = new double[count][];
            System.arraycopy(frames, 0, grown, 0, frames.length);
            for (int i = frames.length; i < count; i++) {
                grown[i] = new double[analyzer.width];
            }
            frames = grown;
        }
        analyzer.analyze(samples, 0, frames[0]);
        for (int k = 1; k < count; k++) {
            int start = k * config.hopLength();
            analyzer.analyzeStreamFrame(samples, start, start, frames[k]);
        }
    }
}
