package io.screamguard.core.detection;

import io.screamguard.core.audio.PcmEncoding;
import io.screamguard.core.audio.PcmFrameDecoder;
import io.screamguard.core.audio.StreamResampler;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.StreamingFeatureExtractor;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.model.ScreamClassifier;
import io.screamguard.core.model.ScreamModel;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Analyses one live stream: raw PCM bytes in chunks of any size -&gt; {@link PcmFrameDecoder} (mono)
 * -&gt; {@link StreamResampler} (to the analysis rate) -&gt; {@link StreamingFeatureExtractor} -&gt;
 * classifier -&gt; {@link ScreamDetector}. The listener hears one {@link HopResult} per window and the
 * incident events, synchronously inside {@link #push}.
 *
 * <p>Timing is audio sample time from the first byte: {@code tSeconds} of a hop is the end of its
 * window, so replaying a recording faster than real time gives exactly the same hops and incidents.
 * The same windows as {@link ClipAnalyzer} on the same audio; until {@link #finish()} the newest
 * window waits for the resampler's look-ahead (about 5 ms of audio past the window's end).
 *
 * <p>Not thread-safe: one instance per stream, fed by one thread at a time. Per stream it holds
 * the decoder's partial frame, the resampler's history, the extractor's frame ring and the
 * detector's n-window ring: a few tens of kilobytes.
 */
public final class LiveAnalyzer {

    private final FeatureConfig featureConfig;
    private final WindowConfig windowConfig;
    /** The summary values the classifier reads (null for all): the only ones the extractor computes. */
    private final List<String> featuresRead;
    private final PcmFrameDecoder decoder;
    private StreamResampler resampler;
    private StreamingFeatureExtractor extractor;
    private final ScreamDetector detector;
    private final WindowScorer scorer;
    private final int inputRateHz;
    private long skippedSamples;
    private long inputSamples;
    private boolean finished;
    private byte[] scratch = new byte[0];

    /**
     * A stream analyzed with the model's features and window.
     *
     * @param model          the model
     * @param detectorConfig threshold, gate and debounce (e.g. {@link DetectorConfig#fromModel})
     * @param encoding       sample encoding of the bytes
     * @param inputRateHz    rate of the stream, e.g. 48000
     * @param channels       interleaved channels, mixed to mono
     * @param listener       receives hops and incident events
     */
    public LiveAnalyzer(ScreamModel model, DetectorConfig detectorConfig, PcmEncoding encoding, int inputRateHz,
                        int channels, LiveListener listener) {
        this(model, model.metadata().featureConfig(), model.metadata().window(), detectorConfig, encoding,
                inputRateHz, channels, listener);
    }

    /**
     * @param classifier     scores summary vectors; thread-safe, may be shared by every stream
     * @param featureConfig  features the classifier was trained on (its sample rate is the analysis rate)
     * @param windowConfig   window length and hop
     * @param detectorConfig threshold, gate and debounce
     * @param encoding       sample encoding of the bytes
     * @param inputRateHz    rate of the stream, e.g. 48000
     * @param channels       interleaved channels, &gt;= 1
     * @param listener       receives hops and incident events
     */
    public LiveAnalyzer(ScreamClassifier classifier, FeatureConfig featureConfig, WindowConfig windowConfig,
                        DetectorConfig detectorConfig, PcmEncoding encoding, int inputRateHz, int channels,
                        LiveListener listener) {
        this(classifier, featureConfig, windowConfig, detectorConfig == null ? null : () -> detectorConfig,
                encoding, inputRateHz, channels, listener);
    }

    /**
     * A stream whose detector settings may change while it runs: {@code detectorConfig} is read
     * before every window (see {@link ScreamDetector#ScreamDetector(java.util.function.Supplier, int, int,
     * IncidentListener)}), so a new threshold applies from the next hop on.
     *
     * @param detectorConfig current threshold, gate and debounce; cheap, thread-safe, never null
     */
    public LiveAnalyzer(ScreamClassifier classifier, FeatureConfig featureConfig, WindowConfig windowConfig,
                        java.util.function.Supplier<DetectorConfig> detectorConfig, PcmEncoding encoding,
                        int inputRateHz, int channels, LiveListener listener) {
        if (classifier == null || featureConfig == null || windowConfig == null || detectorConfig == null
                || encoding == null || listener == null) {
            throw new IllegalArgumentException("classifier, configs, encoding and listener are required");
        }
        if (inputRateHz <= 0) {
            throw new IllegalArgumentException("inputRateHz must be > 0, got " + inputRateHz);
        }
        int analysisRateHz = featureConfig.sampleRate();
        this.featureConfig = featureConfig;
        this.windowConfig = windowConfig;
        this.inputRateHz = inputRateHz;
        this.decoder = new PcmFrameDecoder(encoding, channels);
        this.resampler = new StreamResampler(inputRateHz, analysisRateHz);
        // only the frame features the classifier reads (a ScreamModel names them; by default all)
        this.featuresRead = classifier.featuresRead().orElse(null);
        this.extractor = new StreamingFeatureExtractor(featureConfig, windowConfig, featuresRead);
        this.detector = new ScreamDetector(detectorConfig, analysisRateHz,
                windowConfig.windowSamples(featureConfig), listener);
        this.scorer = new WindowScorer(classifier, detector, analysisRateHz, (hop, summary) -> listener.onHop(hop));
    }

    /**
     * Feeds raw bytes; any length, a sample or frame may be split across calls.
     *
     * @param data bytes of the stream's encoding
     * @throws IllegalArgumentException for NaN or infinite f32 samples
     * @throws IllegalStateException after {@link #finish()}
     */
    public void push(byte[] data) {
        push(data, 0, data.length);
    }

    /**
     * Feeds {@code length} bytes of {@code data} from {@code offset}.
     *
     * @param data   bytes of the stream's encoding
     * @param offset first byte
     * @param length number of bytes
     */
    public void push(byte[] data, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("push() after finish(): the stream has ended");
        }
        float[] mono = decoder.decode(data, offset, length);
        if (mono.length == 0) {
            return;
        }
        inputSamples += mono.length;
        float[] analysis = resampler.process(mono);
        if (analysis.length > 0) {
            extractor.push(analysis, scorer);
        }
    }

    /**
     * Records that {@code frames} sample frames of the stream were dropped (e.g. by a server that
     * could not keep up) at the current position, so that later windows keep the stream's audio
     * time instead of closing up the gap. Windows never span the gap: the resampler and the feature
     * extractor restart after it (the window in progress before it is lost), while the detector
     * carries on (an open incident stays open unless n windows without a hot one follow).
     *
     * @param frames sample frames (one sample of every channel) dropped, &gt;= 0
     * @throws IllegalStateException when a partial frame is pending (drop whole frames, at a frame
     *     boundary) or after {@link #finish()}
     */
    public void skipFrames(long frames) {
        if (finished) {
            throw new IllegalStateException("skipFrames() after finish(): the stream has ended");
        }
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, got " + frames);
        }
        if (frames == 0) {
            return;
        }
        if (decoder.pendingBytes() != 0) {
            throw new IllegalStateException("skipFrames() with " + decoder.pendingBytes()
                    + " bytes of a partial frame pending: drop whole frames at a frame boundary");
        }
        inputSamples += frames;
        skippedSamples += frames;
        resampler = new StreamResampler(inputRateHz, featureConfig.sampleRate());
        extractor = new StreamingFeatureExtractor(featureConfig, windowConfig, featuresRead);
        scorer.segmentStartSample(Math.round(inputSamples * (double) featureConfig.sampleRate() / inputRateHz));
    }

    /** @return seconds of stream audio skipped with {@link #skipFrames(long)} */
    public double skippedSeconds() {
        return skippedSamples / (double) inputRateHz;
    }

    /**
     * Feeds the remaining bytes of a buffer (its position moves to its limit).
     *
     * @param chunk bytes of the stream's encoding
     */
    public void push(ByteBuffer chunk) {
        int length = chunk.remaining();
        if (chunk.hasArray()) {
            push(chunk.array(), chunk.arrayOffset() + chunk.position(), length);
            chunk.position(chunk.limit());
            return;
        }
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        chunk.get(scratch, 0, length);
        push(scratch, 0, length);
    }

    /**
     * @return the session so far (an open incident is not in the list but flagged); its audio
     *     seconds include skipped audio
     */
    public LiveSummary summary() {
        return new LiveSummary(inputSamples / (double) inputRateHz, detector.windowsScored(), detector.windowsQuiet(),
                detector.incidents(), detector.incidentOpen(), detector.peakProbability());
    }

    /**
     * Ends the stream: flushes the resampler's look-ahead (so the last window is decided too, exactly
     * as {@link ClipAnalyzer} decides it), closes an open incident (the listener hears its end) and
     * returns the summary. Further pushes are refused; further calls return the same summary.
     *
     * @return the final summary
     */
    public LiveSummary finish() {
        if (!finished) {
            finished = true;
            float[] tail = resampler.flush();
            if (tail.length > 0) {
                extractor.push(tail, scorer);
            }
            detector.finish();
        }
        return summary();
    }
}
