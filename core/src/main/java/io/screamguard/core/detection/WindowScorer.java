package io.screamguard.core.detection;

import io.screamguard.core.features.StreamingFeatureExtractor;
import io.screamguard.core.model.ScreamClassifier;

/**
 * The one code path from a window's summary vector to a decision, shared by {@link ClipAnalyzer}
 * and {@link LiveAnalyzer}: loudness gate, classifier (only for loud windows), detector, one
 * {@link HopResult}. Not thread-safe: one per analysis or stream.
 */
final class WindowScorer implements StreamingFeatureExtractor.WindowSink {

    /** Receives each decided window with its summary vector (valid only during the call). */
    interface DecidedWindowSink {
        void accept(HopResult hop, float[] summary);
    }

    private final ScreamClassifier classifier;
    private final ScreamDetector detector;
    private final double analysisRateHz;
    private final DecidedWindowSink sink;
    private long segmentStartSample;

    WindowScorer(ScreamClassifier classifier, ScreamDetector detector, int analysisRateHz, DecidedWindowSink sink) {
        this.classifier = classifier;
        this.detector = detector;
        this.analysisRateHz = analysisRateHz;
        this.sink = sink;
    }

    /**
     * Sets the stream position, in analysis-rate samples, of sample 0 of the extractor that feeds
     * this scorer (non-zero after a live stream skipped dropped audio and restarted its extractor).
     */
    void segmentStartSample(long analysisSample) {
        this.segmentStartSample = analysisSample;
    }

    @Override
    public void accept(long segmentEndSample, float[] summary, double windowRms) {
        long endSample = segmentStartSample + segmentEndSample;
        boolean quiet = detector.isQuiet(windowRms);
        double probability = quiet ? Double.NaN : checkedProbability(classifier.screamProbability(summary));
        WindowState state = detector.accept(endSample, windowRms, probability);
        sink.accept(new HopResult(endSample / analysisRateHz, quiet ? 0.0 : probability, windowRms, state), summary);
    }

    /**
     * A classifier's probability, with floating-point residue of a soft vote (within 1e-9 of the
     * range) brought back into [0, 1]; anything further out is a classifier bug and is refused.
     */
    static double checkedProbability(double probability) {
        if (probability >= 0.0 && probability <= 1.0) {
            return probability;
        }
        if (probability > 1.0 && probability <= 1.0 + 1e-9) {
            return 1.0;
        }
        if (probability < 0.0 && probability >= -1e-9) {
            return 0.0;
        }
        throw new IllegalStateException("the classifier returned a probability outside [0, 1]: " + probability);
    }
}
