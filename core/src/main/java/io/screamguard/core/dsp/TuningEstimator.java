package io.screamguard.core.dsp;

import java.util.Arrays;

/**
 * librosa's tuning estimate ({@code estimate_tuning} on {@code piptrack}): find the
 * parabolically interpolated spectral peaks between 150 Hz and 4 kHz that rise above a tenth of
 * their frame's maximum, keep those at least as strong as the median peak, and return the most
 * common deviation of their pitches from the equal-tempered grid, to the nearest 0.01 bin.
 *
 * <p>The spectrogram is handled in float32 arithmetic where librosa uses float32, because the
 * result is a histogram peak and a value on a bin edge must fall on the same side.
 */
public final class TuningEstimator {
    private static final double PIP_FMIN_HZ = 150.0;
    private static final double PIP_FMAX_HZ = 4000.0;
    private static final float PIP_THRESHOLD = 0.1f;
    private static final double RESOLUTION = 0.01;

    private TuningEstimator() {
    }

    /**
     * @param spectrogram {@code [frames][bins]} non-negative values (librosa's chroma_stft passes
     *     the power spectrogram), {@code bins = nFft / 2 + 1}
     * @param sampleRateHz sample rate in Hz
     * @param binsPerOctave bins per octave (12)
     * @return the tuning in fractions of a bin, in [-0.5, 0.5); 0 when no peak is found (silence)
     */
    public static double estimate(float[][] spectrogram, double sampleRateHz, int binsPerOctave) {
        if (spectrogram.length == 0) {
            return 0.0;
        }
        int bins = spectrogram[0].length;
        int nFft = 2 * (bins - 1);
        double[] fftFreqs = MelFilterbank.fftFrequencies(sampleRateHz, nFft);
        double fMax = Math.min(PIP_FMAX_HZ, sampleRateHz / 2.0);
        int kLo = 0;
        while (kLo < bins && fftFreqs[kLo] < PIP_FMIN_HZ) {
            kLo++;
        }
        int kHi = kLo;
        while (kHi < bins && fftFreqs[kHi] < fMax) {
            kHi++;
        }
        int capacity = 16;
        float[] pitches = new float[capacity];
        float[] mags = new float[capacity];
        int count = 0;
        for (float[] s : spectrogram) {
            float max = 0f;
            for (float v : s) {
                max = Math.max(max, v);
            }
            float ref = PIP_THRESHOLD * max;
            for (int k = Math.max(kLo, 0); k < kHi; k++) {
                if (!isThresholdedLocalMax(s, k, ref)) {
                    continue;
                }
                float shift = parabolicShift(s, k);
                float gradient = gradient(s, k);
                float dskew = 0.5f * gradient * shift;
                if (count == capacity) {
                    capacity *= 2;
                    pitches = Arrays.copyOf(pitches, capacity);
                    mags = Arrays.copyOf(mags, capacity);
                }
                pitches[count] = (float) ((k + (double) shift) * sampleRateHz / nFft);
                mags[count] = s[k] + dskew;
                count++;
            }
        }
        int positive = 0;
        for (int i = 0; i < count; i++) {
            if (pitches[i] > 0f) {
                positive++;
            }
        }
        if (positive == 0) {
            return 0.0;
        }
        float[] positiveMags = new float[positive];
        for (int i = 0, j = 0; i < count; i++) {
            if (pitches[i] > 0f) {
                positiveMags[j++] = mags[i];
            }
        }
        float threshold = medianFloat32(positiveMags);
        float[] selected = new float[positive];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (pitches[i] > 0f && mags[i] >= threshold) {
                selected[n++] = pitches[i];
            }
        }
        return pitchTuning(Arrays.copyOf(selected, n), RESOLUTION, binsPerOctave);
    }

    /**
     * The most common deviation of {@code frequenciesHz} from the equal-tempered grid
     * ({@code librosa.pitch_tuning}): residuals in [-0.5, 0.5) bins, histogram with edges at
     * multiples of {@code resolution}, returns the left edge of the fullest bin.
     *
     * @param frequenciesHz frequencies; values <= 0 are ignored
     * @param resolution histogram bin width in fractions of a bin (0.01)
     * @param binsPerOctave bins per octave (12)
     * @return the tuning in fractions of a bin; 0 when no frequency is positive
     */
    public static double pitchTuning(float[] frequenciesHz, double resolution, int binsPerOctave) {
        int nBins = (int) Math.ceil(1.0 / resolution);
        double[] edges = new double[nBins + 1];
        double step = 1.0 / nBins;
        for (int i = 0; i < edges.length; i++) {
            edges[i] = i == nBins ? 0.5 : i * step + -0.5;
        }
        int[] counts = new int[nBins];
        boolean any = false;
        for (float f : frequenciesHz) {
            if (!(f > 0f)) {
                continue;
            }
            any = true;
            float ratio = (float) (f / 27.5);
            float octaves = (float) ChromaFilterbank.log2(ratio);
            float scaled = binsPerOctave * octaves;
            float residual = scaled % 1.0f;
            if (residual < 0f) {
                residual += 1.0f;
            }
            if (residual >= 0.5f) {
                residual -= 1.0f;
            }
            counts[histogramBin(edges, residual)]++;
        }
        if (!any) {
            return 0.0;
        }
        int best = 0;
        for (int i = 1; i < nBins; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return edges[best];
    }

    private static int histogramBin(double[] edges, double x) {
        int nBins = edges.length - 1;
        if (x >= edges[nBins]) {
            return nBins - 1;
        }
        int lo = 0;
        int hi = nBins;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x >= edges[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean isThresholdedLocalMax(float[] s, int k, float ref) {
        float here = thresholded(s[k], ref);
        float left = k > 0 ? thresholded(s[k - 1], ref) : here;
        float right = k < s.length - 1 ? thresholded(s[k + 1], ref) : here;
        return here > left && here >= right;
    }

    private static float thresholded(float v, float ref) {
        return v > ref ? v : 0f;
    }

    private static float parabolicShift(float[] s, int k) {
        if (k == 0 || k == s.length - 1) {
            return 0f;
        }
        double a = s[k + 1] + s[k - 1] - 2.0 * s[k];
        double b = (double) (s[k + 1] - s[k - 1]) / 2.0;
        if (Math.abs(b) >= Math.abs(a)) {
            return 0f;
        }
        return (float) (-b / a);
    }

    private static float gradient(float[] s, int k) {
        if (s.length < 2) {
            return 0f;
        }
        if (k == 0) {
            return s[1] - s[0];
        }
        if (k == s.length - 1) {
            return s[k] - s[k - 1];
        }
        return (s[k + 1] - s[k - 1]) / 2f;
    }

    private static float medianFloat32(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n % 2 == 1) {
            return sorted[n / 2];
        }
        return (sorted[n / 2 - 1] + sorted[n / 2]) / 2f;
    }
}
