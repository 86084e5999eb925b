package io.screamguard.core.features;

import java.util.Objects;

/**
 * Summary vectors of a live stream, window by window as samples arrive in chunks of any size.
 * Each STFT frame is computed once and kept in a ring of one window's frames, although windows
 * overlap; the vectors are identical to {@link WindowFeatureExtractor#windows(float[])} on the
 * concatenated samples. Window {@code j} covers stream samples
 * {@code [j * hopSamples, j * hopSamples + windowSamples)} and is emitted as soon as its last
 * sample has arrived. Memory is bounded by one window plus the largest chunk.
 *
 * <p>NOT thread-safe: one instance per stream.
 */
public final class StreamingFeatureExtractor {

    /** Receives each finished window. */
    public interface WindowSink {
        /**
         * @param endSample stream sample index (at the analysis rate) just after the window's last sample
         * @param summary the window's summary vector in {@link FeatureSchema} order (a new array, the sink may keep it)
         * @param windowRms root-mean-square level of the window's samples (0 for digital silence, 0.707 for a full-scale sine)
         */
        void accept(long endSample, float[] summary, double windowRms);
    }

    private final FeatureConfig config;
    private final FrameAnalyzer analyzer;
    private final WindowSummarizer summarizer;
    private final VectorWriter writer = new VectorWriter();
    private final FeatureSchema schema;
    private final int windowSamples;
    private final int hopSamples;
    private final int framesPerWindow;
    private final int framesPerHop;
    private final double[][] ring;

    private float[] buffer;
    private long bufferStart;
    private int bufferLength;
    private long nextFrame;
    private long nextWindow;

    /**
     * @param config analysis settings; pushed samples must be at {@code config.sampleRate()}
     * @param windowConfig window length and hop (the hop a whole number of STFT hops)
     */
    public StreamingFeatureExtractor(FeatureConfig config, WindowConfig windowConfig) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(windowConfig, "windowConfig");
        this.windowSamples = windowConfig.windowSamples(config);
        this.hopSamples = windowConfig.hopSamples(config);
        this.framesPerWindow = windowConfig.framesPerWindow(config);
        this.framesPerHop = hopSamples / config.hopLength();
        this.analyzer = new FrameAnalyzer(config);
        this.summarizer = new WindowSummarizer(analyzer);
        this.schema = FeatureSchema.of(config);
        this.ring = new double[framesPerWindow][analyzer.width];
        this.buffer = new float[windowSamples + hopSamples + config.nFft()];
    }

    /** @return the names and version of the vectors this extractor emits */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the number of samples pushed so far */
    public long samplesPushed() {
        return bufferStart + bufferLength;
    }

    /** @return the capacity of the sample buffer (for tests: it must not grow with the stream's length) */
    int bufferCapacity() {
        return buffer.length;
    }

    /**
     * Appends samples and emits every window that this completes, in time order.
     *
     * @param samplesAtAnalysisRate mono samples at {@code config.sampleRate()} (any length, also 0)
     * @param sink receives the finished windows
     */
    public void push(float[] samplesAtAnalysisRate, WindowSink sink) {
        Objects.requireNonNull(samplesAtAnalysisRate, "samplesAtAnalysisRate");
        Objects.requireNonNull(sink, "sink");
        append(samplesAtAnalysisRate);
        long available = bufferStart + bufferLength;
        int hop = config.hopLength();
        while (true) {
            long windowStart = nextWindow * hopSamples;
            long lastFrameOfWindow = nextWindow * framesPerHop + framesPerWindow - 1;
            if (nextFrame > lastFrameOfWindow && windowStart + windowSamples <= available) {
                emit(windowStart, sink);
                nextWindow++;
                continue;
            }
            long frameStart = nextFrame * hop;
            if (frameStart + config.nFft() <= available) {
                analyzer.analyze(buffer, (int) (frameStart - bufferStart), ring[(int) (nextFrame % framesPerWindow)]);
                nextFrame++;
                continue;
            }
            break;
        }
    }

    private void emit(long windowStart, WindowSink sink) {
        int first = (int) ((nextWindow * framesPerHop) % framesPerWindow);
        float[] summary = writer.write(summarizer, ring, first, framesPerWindow, schema.size());
        int offset = (int) (windowStart - bufferStart);
        double sum = 0.0;
        for (int i = offset; i < offset + windowSamples; i++) {
            double x = buffer[i];
            sum += x * x;
        }
        sink.accept(windowStart + windowSamples, summary, Math.sqrt(sum / windowSamples));
    }

    private void append(float[] chunk) {
        long keepFrom = Math.min(nextFrame * config.hopLength(), nextWindow * hopSamples);
        int drop = (int) Math.min(keepFrom - bufferStart, bufferLength);
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart += drop;
        }
        if (bufferLength + chunk.length > buffer.length) {
            float[] grown = new float[Math.max(buffer.length * 2, bufferLength + chunk.length)];
            System.arraycopy(buffer, 0, grown, 0, bufferLength);
            buffer = grown;
        }
        System.arraycopy(chunk, 0, buffer, bufferLength, chunk.length);
        bufferLength += chunk.length;
    }
}
