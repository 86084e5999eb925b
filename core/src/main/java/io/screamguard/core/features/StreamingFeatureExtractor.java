package io.screamguard.core.features;

import java.util.Objects;

/**
 * Summary vectors of a live stream, window by window as samples arrive in chunks of any size.
 * Each STFT frame is computed once and kept in a ring of one window's frames, although windows
 * overlap; the vectors are identical to {@link WindowFeatureExtractor#windows(float[])} on the
 * concatenated samples. Window {@code j} covers stream samples
 * {@code [j * hopSamples, j * hopSamples + windowSamples)} and is emitted as soon as its last
 * sample has arrived. Memory is small and fixed whatever the chunk sizes: the frame rows of one
 * window, two FFT frames of samples and the analyser's buffers; the tables are the
 * {@link FeaturePlan} shared by every stream of the same {@link FeatureConfig}.
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
    /**
     * Sum of squared samples of every window not yet emitted, window {@code j} in slot
     * {@code j % windowSquares.length}; each is added up sample by sample in time order, exactly
     * the sum a pass over the window's samples gives, so no window's samples need to be kept.
     */
    private final double[] windowSquares;

    /** Samples from the next frame's start on: fewer than {@code nFft} between pushes. */
    private final float[] buffer;
    private long bufferStart;
    private int bufferLength;
    private long nextFrame;
    private long nextWindow;

    /**
     * @param config analysis settings; pushed samples must be at {@code config.sampleRate()}
     * @param windowConfig window length and hop (the hop a whole number of STFT hops)
     */
    public StreamingFeatureExtractor(FeatureConfig config, WindowConfig windowConfig) {
        this(config, windowConfig, null);
    }

    /**
     * A stream whose vectors only need the values named in {@code featuresRead} (a classifier's
     * {@code featuresRead()}): the frame features that no such value uses are not computed, and the
     * summary values built from them are NaN. Today that leaves out the chroma ({@code chroma_*})
     * and the spectral contrast ({@code contrast*}) when no name reads them, about a quarter of a
     * hop's CPU at the analysis settings; every other value has the bits it has in a whole vector.
     *
     * @param featuresRead summary names in this schema, or null for all (then this is the two-argument constructor)
     * @throws IllegalArgumentException when a name is not in the schema
     */
    public StreamingFeatureExtractor(FeatureConfig config, WindowConfig windowConfig, java.util.Collection<String> featuresRead) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(windowConfig, "windowConfig");
        this.windowSamples = windowConfig.windowSamples(config);
        this.hopSamples = windowConfig.hopSamples(config);
        this.framesPerWindow = windowConfig.framesPerWindow(config);
        this.framesPerHop = hopSamples / config.hopLength();
        FeaturePlan plan = FeaturePlan.of(config);
        boolean withChroma = true;
        boolean withContrast = true;
        if (featuresRead != null) {
            for (String name : featuresRead) {
                if (!plan.schema.names().contains(name)) {
                    throw new IllegalArgumentException("feature '" + name + "' is not in the schema "
                            + plan.schema.version() + "; expected names such as " + plan.schema.names().get(0));
                }
            }
            withChroma = featuresRead.stream().anyMatch(name -> name.startsWith(WindowSummarizer.CHROMA_PREFIX));
            withContrast = featuresRead.stream().anyMatch(name -> name.startsWith(WindowSummarizer.CONTRAST_PREFIX));
        }
        this.analyzer = new FrameAnalyzer(plan, withChroma, withContrast);
        this.summarizer = plan.summarizer;
        this.schema = plan.schema;
        this.ring = new double[framesPerWindow][plan.width];
        // a window is open for ceil(window / hop) hops; one slot more so that a window's slot is
        // reused a whole hop after it has been emitted
        this.windowSquares = new double[(windowSamples + hopSamples - 1) / hopSamples + 1];
        this.buffer = new float[2 * config.nFft()];
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
        int position = 0;
        while (position < samplesAtAnalysisRate.length) {
            compact();
            long pieceStart = bufferStart + bufferLength;
            // a piece never crosses a window start, so every window is emitted before its slot is reused
            long nextWindowStart = (pieceStart / hopSamples + 1) * hopSamples;
            int piece = (int) Math.min(Math.min(samplesAtAnalysisRate.length - position, buffer.length - bufferLength),
                    nextWindowStart - pieceStart);
            accumulateSquares(samplesAtAnalysisRate, position, pieceStart, piece);
            System.arraycopy(samplesAtAnalysisRate, position, buffer, bufferLength, piece);
            bufferLength += piece;
            position += piece;
            analyzeAndEmit(sink);
        }
    }

    /** Computes every frame and emits every window the samples so far complete. */
    private void analyzeAndEmit(WindowSink sink) {
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
                analyzer.analyzeStreamFrame(buffer, (int) (frameStart - bufferStart), frameStart,
                        ring[(int) (nextFrame % framesPerWindow)]);
                nextFrame++;
                continue;
            }
            break;
        }
    }

    /**
     * Adds the squares of {@code samples[from, from + count)}, stream samples
     * {@code [streamStart, streamStart + count)}, to the sums of the windows they belong to.
     */
    private void accumulateSquares(float[] samples, int from, long streamStart, int count) {
        long streamEnd = streamStart + count;
        long first = Math.max(nextWindow, Math.floorDiv(streamStart - windowSamples, hopSamples) + 1);
        long last = (streamEnd - 1) / hopSamples;
        for (long j = first; j <= last; j++) {
            long windowStart = j * hopSamples;
            long begin = Math.max(streamStart, windowStart);
            long end = Math.min(streamEnd, windowStart + windowSamples);
            if (begin >= end) {
                continue;
            }
            int slot = (int) (j % windowSquares.length);
            double sum = windowStart >= streamStart ? 0.0 : windowSquares[slot];
            int start = from + (int) (begin - streamStart);
            int stop = from + (int) (end - streamStart);
            long nextStart = windowStart + hopSamples;
            if (j < last && Math.max(streamStart, nextStart) == begin && Math.min(streamEnd, nextStart + windowSamples) == end) {
                // the next window covers the same samples (overlapping windows): both sums in one
                // loop, two independent chains of additions, each in the order it had alone
                int nextSlot = (int) ((j + 1) % windowSquares.length);
                double nextSum = nextStart >= streamStart ? 0.0 : windowSquares[nextSlot];
                for (int i = start; i < stop; i++) {
                    double x = samples[i];
                    double square = x * x;
                    sum += square;
                    nextSum += square;
                }
                windowSquares[slot] = sum;
                windowSquares[nextSlot] = nextSum;
                j++;
                continue;
            }
            for (int i = start; i < stop; i++) {
                double x = samples[i];
                sum += x * x;
            }
            windowSquares[slot] = sum;
        }
    }

    private void emit(long windowStart, WindowSink sink) {
        int first = (int) ((nextWindow * framesPerHop) % framesPerWindow);
        float[] summary = writer.write(summarizer, ring, first, framesPerWindow, schema.size());
        double sum = windowSquares[(int) (nextWindow % windowSquares.length)];
        sink.accept(windowStart + windowSamples, summary, Math.sqrt(sum / windowSamples));
    }

    /** Drops the samples before the next frame's start (no frame or window needs them any more). */
    private void compact() {
        int drop = (int) Math.min(nextFrame * config.hopLength() - bufferStart, bufferLength);
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart += drop;
        }
    }
}
