package io.screamguard.core.detection;

import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.audio.Resampler;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.StreamingFeatureExtractor;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.model.ScreamClassifier;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.core.audio.MonoSink;
import io.screamguard.core.audio.StreamResampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Analyses a whole recording (an upload, a file on the command line): resample to the model's
 * analysis rate, cut windows, summarize, score the loud ones, run the detector.
 *
 * <p>It runs the same {@link StreamingFeatureExtractor} and {@link ScreamDetector} as
 * {@link LiveAnalyzer} (the whole clip pushed at once), so a file and the same audio streamed live
 * give the same windows, probabilities and incidents.
 *
 * <p>Thread-safe: every call works on its own extractor and detector; the classifier is
 * thread-safe by contract.
 */
public final class ClipAnalyzer {

    private final ScreamClassifier classifier;
    private final FeatureConfig featureConfig;
    private final WindowConfig windowConfig;
    private final DetectorConfig detectorConfig;

    /**
     * An analyzer with the model's own detector settings (threshold, gate, debounce from model.json).
     *
     * @param model a loaded model
     */
    public ClipAnalyzer(ScreamModel model) {
        this(model, DetectorConfig.fromModel(model.metadata()));
    }

    /**
     * An analyzer with the model's features and window but other detector settings.
     *
     * @param model          a loaded model
     * @param detectorConfig threshold, gate and debounce to apply
     */
    public ClipAnalyzer(ScreamModel model, DetectorConfig detectorConfig) {
        this(model, model.metadata().featureConfig(), model.metadata().window(), detectorConfig);
    }

    /**
     * @param classifier     scores summary vectors; thread-safe
     * @param featureConfig  features the classifier was trained on (its sample rate is the analysis rate)
     * @param windowConfig   window length and hop
     * @param detectorConfig threshold, gate and debounce
     */
    public ClipAnalyzer(ScreamClassifier classifier, FeatureConfig featureConfig, WindowConfig windowConfig,
                        DetectorConfig detectorConfig) {
        if (classifier == null || featureConfig == null || windowConfig == null || detectorConfig == null) {
            throw new IllegalArgumentException("classifier, featureConfig, windowConfig and detectorConfig are required, got "
                    + classifier + ", " + featureConfig + ", " + windowConfig + ", " + detectorConfig);
        }
        this.classifier = classifier;
        this.featureConfig = featureConfig;
        this.windowConfig = windowConfig;
        this.detectorConfig = detectorConfig;
    }

    /** @return the detector settings applied */
    public DetectorConfig detectorConfig() {
        return detectorConfig;
    }

    /**
     * Analyses a decoded recording.
     *
     * @param audio mono samples and their rate
     * @return timeline, incidents, clip score and verdict
     */
    public ClipAnalysis analyze(DecodedAudio audio) {
        return analyze(audio.samples(), audio.sampleRate());
    }

    /**
     * Analyses mono samples. A clip shorter than one window (but not empty) is zero-padded to one
     * window, so a short scream still gets a score; that window's time is the window length.
     *
     * @param samples      mono samples in [-1, 1]
     * @param sampleRateHz their rate
     * @return timeline, incidents, clip score and verdict
     */
    public ClipAnalysis analyze(float[] samples, int sampleRateHz) {
        int analysisRateHz = featureConfig.sampleRate();
        float[] analysis = Resampler.resample(samples, sampleRateHz, analysisRateHz);
        int windowSamples = windowConfig.windowSamples(featureConfig);
        if (analysis.length > 0 && analysis.length < windowSamples) {
            // a clip shorter than one window is one zero-padded window, as in training
            analysis = java.util.Arrays.copyOf(analysis, windowSamples);
        }
        ScreamDetector detector = new ScreamDetector(detectorConfig, analysisRateHz, windowSamples, IncidentListener.NONE);
        PeakTracker peak = new PeakTracker();
        List<HopResult> timeline = new ArrayList<>();
        WindowScorer scorer = new WindowScorer(classifier, detector, analysisRateHz, (hop, summary) -> {
            timeline.add(hop);
            peak.offer(hop, summary);
        });
        new StreamingFeatureExtractor(featureConfig, windowConfig,
                classifier.featuresRead().orElse(null)).push(analysis, scorer);
        List<Incident> incidents = detector.finish();
        double score = detector.peakProbability();
        boolean scream = detector.windowsScored() > 0 && score >= detectorConfig.thresholdProbability();
        return new ClipAnalysis(samples.length / (double) sampleRateHz, timeline, incidents, score, scream,
                detectorConfig.thresholdProbability(), peak.features, peak.endSeconds,
                (int) detector.windowsScored(), (int) detector.windowsQuiet());
    }

    /**
     * Starts the analysis of a recording delivered in blocks (a streamed decode, see
     * {@link io.screamguard.core.audio.AudioDecoder#stream}): the same windows, probabilities,
     * incidents and verdict as {@link #analyze(float[], int)} on the whole signal, in constant
     * memory (the resampler's history, the extractor's frame ring and the timeline of hops).
     *
     * @return a sink to feed, then {@link Streaming#finish()}
     */
    public Streaming stream() {
        return new Streaming();
    }

    /**
     * One recording analysed as it is decoded. Not thread-safe: one decoding thread feeds it.
     */
    public final class Streaming implements MonoSink {
        private final int analysisRateHz = featureConfig.sampleRate();
        private final int windowSamples = windowConfig.windowSamples(featureConfig);
        private final ScreamDetector detector = new ScreamDetector(detectorConfig, analysisRateHz, windowSamples,
                IncidentListener.NONE);
        private final PeakTracker peak = new PeakTracker();
        private final List<HopResult> timeline = new ArrayList<>();
        private final WindowScorer scorer = new WindowScorer(classifier, detector, analysisRateHz, (hop, summary) -> {
            timeline.add(hop);
            peak.offer(hop, summary);
        });
        private final StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(featureConfig, windowConfig,
                classifier.featuresRead().orElse(null));
        private StreamResampler resampler;
        private int inputRateHz;
        private long inputSamples;
        private long analysisSamples;

        private Streaming() {
        }

        @Override
        public void start(int sampleRateHz) {
            if (resampler != null) {
                throw new IllegalStateException("start() called twice");
            }
            inputRateHz = sampleRateHz;
            resampler = new StreamResampler(sampleRateHz, analysisRateHz);
        }

        @Override
        public void accept(float[] samples, int length) {
            if (resampler == null) {
                throw new IllegalStateException("accept() before start()");
            }
            inputSamples += length;
            push(resampler.process(length == samples.length ? samples : Arrays.copyOf(samples, length)));
        }

        private void push(float[] analysis) {
            if (analysis.length > 0) {
                analysisSamples += analysis.length;
                extractor.push(analysis, scorer);
            }
        }

        /**
         * Ends the recording: flushes the resampler, pads a clip shorter than one window to one
         * window (as {@link #analyze(float[], int)} does), and decides.
         *
         * @return timeline, incidents, clip score and verdict
         */
        public ClipAnalysis finish() {
            if (resampler != null) {
                push(resampler.flush());
            }
            if (analysisSamples > 0 && analysisSamples < windowSamples) {
                push(new float[(int) (windowSamples - analysisSamples)]);
            }
            List<Incident> incidents = detector.finish();
            double score = detector.peakProbability();
            boolean scream = detector.windowsScored() > 0 && score >= detectorConfig.thresholdProbability();
            return new ClipAnalysis(inputRateHz == 0 ? 0 : inputSamples / (double) inputRateHz, timeline, incidents,
                    score, scream, detectorConfig.thresholdProbability(), peak.features, peak.endSeconds,
                    (int) detector.windowsScored(), (int) detector.windowsQuiet());
        }
    }

    /** Keeps a copy of the summary vector of the scored window with the highest probability. */
    private static final class PeakTracker {
        float[] features = new float[0];
        double endSeconds = -1;
        double probability = -1;

        void offer(HopResult hop, float[] summary) {
            if (hop.state() != WindowState.QUIET && hop.probability() > probability) {
                probability = hop.probability();
                endSeconds = hop.tSeconds();
                features = summary.clone();
            }
        }
    }
}
