package io.screamguard.core.features;

/**
 * Spectral centroid, bandwidth, rolloff and flatness of one frame, as librosa computes them from
 * a magnitude spectrum {@code S = |stft|} over the first {@code bins} FFT bins.
 */
final class SpectralShape {
    /** numpy's smallest normal float32, librosa's threshold for treating a frame as empty. */
    static final double TINY = 1.1754943508222875e-38;
    static final double FLATNESS_AMIN = 1e-10;

    private SpectralShape() {
    }

    /** @return {@code sum f S / sum S} in Hz; 0 for an all-zero frame */
    static double centroid(double[] magnitude, double[] freqsHz, int bins) {
        double total = 0.0;
        double weighted = 0.0;
        for (int k = 0; k < bins; k++) {
            total += magnitude[k];
            weighted += magnitude[k] * freqsHz[k];
        }
        return weighted / (total < TINY ? 1.0 : total);
    }

    /** @return {@code sqrt(sum S (f - centroid)^2 / sum S)} in Hz (p = 2); 0 for an all-zero frame */
    static double bandwidth(double[] magnitude, double[] freqsHz, int bins, double centroidHz) {
        double total = 0.0;
        double weighted = 0.0;
        for (int k = 0; k < bins; k++) {
            double d = freqsHz[k] - centroidHz;
            total += magnitude[k];
            weighted += magnitude[k] * d * d;
        }
        return Math.sqrt(weighted / (total < TINY ? 1.0 : total));
    }

    /**
     * The lowest bin frequency whose cumulative magnitude reaches {@code fraction} of the total,
     * accumulated in float32 as numpy's {@code cumsum} does on librosa's float32 spectrogram.
     *
     * @return the rolloff frequency in Hz; 0 for an all-zero frame
     */
    static double rolloff(double[] magnitude, double[] freqsHz, int bins, double fraction) {
        float total = 0f;
        for (int k = 0; k < bins; k++) {
            total += (float) magnitude[k];
        }
        float threshold = (float) (fraction * total);
        float cumulative = 0f;
        for (int k = 0; k < bins; k++) {
            cumulative += (float) magnitude[k];
            if (cumulative >= threshold) {
                return freqsHz[k];
            }
        }
        return freqsHz[bins - 1];
    }

    /**
     * Wiener entropy: geometric over arithmetic mean of the power {@code max(1e-10, S^2)}.
     *
     * @param power the power per bin ({@code S^2})
     * @return flatness in (0, 1]; 1 for silence and white noise tends to about 0.56
     */
    static double flatness(double[] power, int bins) {
        double logSum = 0.0;
        double sum = 0.0;
        for (int k = 0; k < bins; k++) {
            double p = Math.max(FLATNESS_AMIN, power[k]);
            logSum += Math.log(p);
            sum += p;
        }
        return Math.exp(logSum / bins) / (sum / bins);
    }
}
