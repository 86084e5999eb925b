package io.screamguard.core.detection;

import java.util.List;

/**
 * The result of analysing one recording.
 *
 * @param durationSeconds      length of the decoded recording
 * @param timeline             one entry per window, in time order
 * @param incidents            incidents found by the k-of-n detector, in time order
 * @param peakProbability      the clip score: the highest probability of a scored (loud) window, 0 if none
 * @param scream               the verdict: {@code peakProbability >= thresholdProbability} with at least one
 *                             scored window
 * @param thresholdProbability the threshold applied
 * @param peakWindowFeatures   the summary vector (FeatureSchema order) of the window with the peak probability,
 *                             empty when no window was scored; only the values the classifier reads are
 *                             computed ({@code ScreamClassifier.featuresRead()}), the others are NaN
 * @param peakWindowEndSeconds end time of that window, -1 when no window was scored
 * @param windowsScored        windows that passed the loudness gate
 * @param windowsQuiet         windows below the loudness gate
 */
public record ClipAnalysis(double durationSeconds, List<HopResult> timeline, List<Incident> incidents,
                           double peakProbability, boolean scream, double thresholdProbability,
                           float[] peakWindowFeatures, double peakWindowEndSeconds, int windowsScored,
                           int windowsQuiet) {

    /** Validates the fields and copies the lists and the array. */
    public ClipAnalysis {
        if (!(durationSeconds >= 0)) {
            throw new IllegalArgumentException("durationSeconds must be >= 0, got " + durationSeconds);
        }
        if (!(peakProbability >= 0 && peakProbability <= 1)) {
            throw new IllegalArgumentException("peakProbability must be in [0, 1], got " + peakProbability);
        }
        if (windowsScored < 0 || windowsQuiet < 0 || windowsScored + windowsQuiet != timeline.size()) {
            throw new IllegalArgumentException("scored (" + windowsScored + ") + quiet (" + windowsQuiet
                    + ") windows must equal the timeline's " + timeline.size() + " entries");
        }
        timeline = List.copyOf(timeline);
        incidents = List.copyOf(incidents);
        peakWindowFeatures = peakWindowFeatures.clone();
    }

    /** @return a copy of the peak window's summary vector */
    @Override
    public float[] peakWindowFeatures() {
        return peakWindowFeatures.clone();
    }
}
