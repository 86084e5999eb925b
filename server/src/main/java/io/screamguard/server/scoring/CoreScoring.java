package io.screamguard.server.scoring;

import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.audio.PcmEncoding;
import io.screamguard.core.detection.ClipAnalysis;
import io.screamguard.core.detection.ClipAnalyzer;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.detection.HopResult;
import io.screamguard.core.detection.Incident;
import io.screamguard.core.detection.LiveAnalyzer;
import io.screamguard.core.detection.LiveListener;
import io.screamguard.core.detection.WindowState;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamClassifier;
import io.screamguard.core.model.ScreamModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The production {@link Scoring}: the core's {@link AudioDecoder}, {@link ClipAnalyzer} and
 * {@link LiveAnalyzer} over one {@link ScreamModel} — the same code path as the command line.
 * Thread-safe: the model and decoder are shared, every clip and stream gets its own analyser state.
 */
public final class CoreScoring implements Scoring {
    private static final float[] NO_FEATURES = new float[0];

    private final ScreamModel model;
    /** The settings in force: swapped whole by {@link #retune}, read by every stream before each window. */
    private final AtomicReference<DetectorConfig> detector;
    private final AudioDecoder decoder;
    private final AtomicReference<ModelInfo> info;

    /**
     * @param model    the trained model (its metadata gives the features, window and defaults)
     * @param detector threshold, debounce and loudness gate
     * @param limits   upload byte and duration limits
     */
    public CoreScoring(ScreamModel model, DetectorConfig detector, DecodeLimits limits) {
        this.model = model;
        this.detector = new AtomicReference<>(detector);
        this.decoder = new AudioDecoder(limits);
        this.info = new AtomicReference<>(info(model.metadata(), detector));
    }

    private static ModelInfo info(ModelMetadata m, DetectorConfig detector) {
        return new ModelInfo(m.modelVersion(), detector.thresholdProbability(), m.featureNames(),
                m.window().hopSeconds(), m.window().windowSeconds(), m.modelFeatures());
    }

    /**
     * The model's own detector settings with the configured overrides applied.
     *
     * @param metadata  the model's metadata
     * @param threshold THRESHOLD_PROBABILITY, or null for the model's recommendation
     * @param debounceK DEBOUNCE_K, or null
     * @param debounceN DEBOUNCE_N, or null
     * @param quietRms  QUIET_RMS, or null
     */
    public static DetectorConfig detectorConfig(ModelMetadata metadata, Double threshold, Integer debounceK,
                                                Integer debounceN, Double quietRms) {
        DetectorConfig base = DetectorConfig.fromModel(metadata);
        int k = debounceK != null ? debounceK : base.debounceK();
        int n = debounceN != null ? debounceN : base.debounceN();
        if (k > n) {
            throw new IllegalArgumentException("DEBOUNCE_K=" + k + " exceeds DEBOUNCE_N=" + n
                    + " (one of them is the model's default); set both DEBOUNCE_K and DEBOUNCE_N");
        }
        return new DetectorConfig(threshold != null ? threshold : base.thresholdProbability(), k, n,
                quietRms != null ? quietRms : base.quietRms());
    }

    @Override
    public ModelInfo model() {
        return info.get();
    }

    @Override
    public DetectorTuning tuning() {
        DetectorConfig d = detector.get();
        return new DetectorTuning(d.thresholdProbability(), d.debounceK(), d.debounceN(), d.quietRms());
    }

    @Override
    public void retune(DetectorTuning t) {
        DetectorConfig next = new DetectorConfig(t.thresholdProbability(), t.debounceK(), t.debounceN(), t.quietRms());
        detector.set(next);
        info.set(info(model.metadata(), next));
    }

    @Override
    public Map<String, Object> modelTraining() {
        return model.metadata().training();
    }

    @Override
    public ClipScore scoreClip(byte[] audio) throws AudioRejected {
        DecodedAudio decoded;
        try {
            decoded = decoder.decode(audio);
        } catch (AudioDecodeException e) {
            throw new AudioRejected(reason(e.kind()), e.detectedFormat(), e.getMessage());
        }
        return score(decoded.format(), new ClipAnalyzer(model, detector.get()).analyze(decoded));
    }

    /**
     * Streams the file: decoded and scored window by window ({@link AudioDecoder#stream} into
     * {@link ClipAnalyzer#stream()}), so memory holds the decoder's block, the resampler and feature
     * state and the timeline, a few MB whatever the recording's length.
     */
    @Override
    public ClipScore scoreClip(java.nio.file.Path audioFile) throws AudioRejected, java.io.IOException {
        ClipAnalyzer.Streaming analysis = new ClipAnalyzer(model, detector.get()).stream();
        io.screamguard.core.audio.StreamedAudio streamed;
        try {
            streamed = decoder.stream(audioFile, analysis);
        } catch (AudioDecodeException e) {
            throw new AudioRejected(reason(e.kind()), e.detectedFormat(), e.getMessage());
        }
        return score(streamed.format(), analysis.finish());
    }

    private ClipScore score(String format, ClipAnalysis a) {
        double windowSeconds = info.get().windowSeconds();
        List<WindowScore> timeline = new ArrayList<>(a.timeline().size());
        for (HopResult h : a.timeline()) {
            timeline.add(new WindowScore(Math.max(0, h.tSeconds() - windowSeconds), h.tSeconds(), h.probability(),
                    h.rms(), h.state() == WindowState.QUIET));
        }
        List<IncidentSummary> incidents = new ArrayList<>(a.incidents().size());
        for (Incident i : a.incidents()) {
            incidents.add(summary(i));
        }
        return new ClipScore(format, a.durationSeconds(), timeline, incidents, a.peakProbability(),
                a.scream(), a.thresholdProbability(), read(a.peakWindowFeatures(), model.metadata().modelFeatureIndices()));
    }

    /** The values at {@code indices} of a summary vector (the model's features; empty stays empty). */
    static float[] read(float[] summary, int[] indices) {
        if (summary.length == 0) {
            return summary;
        }
        float[] values = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            values[i] = summary[indices[i]];
        }
        return values;
    }

    static AudioRejected.Reason reason(AudioDecodeException.Kind kind) {
        return switch (kind) {
            case EMPTY -> AudioRejected.Reason.EMPTY;
            case UNSUPPORTED_FORMAT -> AudioRejected.Reason.UNSUPPORTED_FORMAT;
            case TOO_LARGE -> AudioRejected.Reason.TOO_LARGE;
            case TOO_LONG -> AudioRejected.Reason.TOO_LONG;
            case TRUNCATED -> AudioRejected.Reason.TRUNCATED;
            case CORRUPT -> AudioRejected.Reason.CORRUPT;
        };
    }

    private static IncidentSummary summary(Incident i) {
        return new IncidentSummary(i.startSeconds(), i.endSeconds(), i.peakProbability(), i.windows());
    }

    @Override
    public StreamScorer openStream(StreamFormat format, StreamListener listener) {
        CapturingClassifier classifier = new CapturingClassifier(model, model.metadata().modelFeatureIndices());
        LiveAnalyzer analyzer = new LiveAnalyzer(classifier, model.metadata().featureConfig(), model.metadata().window(),
                detector::get, format.encoding() == StreamFormat.Encoding.S16LE ? PcmEncoding.S16LE : PcmEncoding.F32LE,
                format.sampleRateHz(), format.channels(), new LiveListener() {
                    @Override
                    public void onHop(HopResult hop) {
                        boolean quiet = hop.state() == WindowState.QUIET;
                        listener.onHop(new HopScore(hop.tSeconds(), hop.probability(), hop.rms(), hop.state().wireName(),
                                quiet ? NO_FEATURES : classifier.last));
                    }

                    @Override
                    public void incidentStarted(double startSeconds, double detectedAtSeconds, double peakProbability) {
                        listener.onIncidentStarted(startSeconds, detectedAtSeconds, peakProbability);
                    }

                    @Override
                    public void incidentEnded(Incident incident) {
                        listener.onIncident(summary(incident));
                    }
                });
        return new StreamScorer() {
            @Override
            public void accept(byte[] data, int offset, int length) {
                analyzer.push(data, offset, length);
            }

            @Override
            public void skipFrames(long frames) {
                analyzer.skipFrames(frames);
            }

            @Override
            public void finish() {
                analyzer.finish();
            }
        };
    }

    /**
     * Remembers the values the model read of the window just scored, so a live stream can log the
     * peak window's features (the live listener reports probabilities only). It says it reads what
     * the model reads, so the stream computes only those (the shipped model reads no chroma and no
     * spectral contrast: a live hop skips both). One per stream.
     */
    private static final class CapturingClassifier implements ScreamClassifier {
        private final ScreamClassifier delegate;
        private final int[] read;
        float[] last = NO_FEATURES;

        CapturingClassifier(ScreamClassifier delegate, int[] read) {
            this.delegate = delegate;
            this.read = read;
        }

        @Override
        public double screamProbability(float[] summary) {
            last = read(summary, read);
            return delegate.screamProbability(summary);
        }

        @Override
        public Optional<List<String>> featuresRead() {
            return delegate.featuresRead();
        }
    }
}
