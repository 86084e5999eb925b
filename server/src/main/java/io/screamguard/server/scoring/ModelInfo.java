package io.screamguard.server.scoring;

import java.util.List;

/**
 * What the server tells clients and logs about the model in use.
 *
 * @param version              model version string from model.json
 * @param thresholdProbability scream threshold applied by the detector, in (0, 1]
 * @param featureNames         names of the summary vector, in order
 * @param hopSeconds           time between consecutive windows
 * @param windowSeconds        length of one scored window
 * @param featuresRead         the names, in summary-vector order, of the values the model reads: the
 *                             only ones scoring computes (uploads and live streams skip the rest) and
 *                             the ones an event logs
 */
public record ModelInfo(String version, double thresholdProbability, List<String> featureNames,
                        double hopSeconds, double windowSeconds, List<String> featuresRead) {
    public ModelInfo {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("model version must be non-blank, got '" + version + "'");
        }
        if (!(thresholdProbability > 0 && thresholdProbability <= 1)) {
            throw new IllegalArgumentException("thresholdProbability must be in (0, 1], got " + thresholdProbability);
        }
        if (!(hopSeconds > 0) || !(windowSeconds >= hopSeconds)) {
            throw new IllegalArgumentException("need 0 < hopSeconds <= windowSeconds, got hop=" + hopSeconds
                    + " window=" + windowSeconds);
        }
        featureNames = List.copyOf(featureNames);
        featuresRead = List.copyOf(featuresRead);
        if (!featureNames.containsAll(featuresRead)) {
            throw new IllegalArgumentException("featuresRead must be feature names, got " + featuresRead);
        }
    }
}
