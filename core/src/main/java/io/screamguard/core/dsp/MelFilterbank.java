package io.screamguard.core.dsp;

/**
 * The Slaney-style mel scale and mel filterbank, as {@code librosa.filters.mel(htk=False,
 * norm="slaney")} builds them (weights rounded to float32 like librosa's default dtype).
 */
public final class MelFilterbank {
    private static final double F_SP = 200.0 / 3.0;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private MelFilterbank() {
    }

    /**
     * Slaney mel of a frequency: linear below 1 kHz (3 mels per 200 Hz), logarithmic above.
     *
     * @param hz frequency in Hz, >= 0
     * @return mels
     */
    public static double hzToMel(double hz) {
        if (hz >= MIN_LOG_HZ) {
            return MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
        }
        return hz / F_SP;
    }

    /**
     * Inverse of {@link #hzToMel}.
     *
     * @param mel mels, >= 0
     * @return frequency in Hz
     */
    public static double melToHz(double mel) {
        if (mel >= MIN_LOG_MEL) {
            return MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
        }
        return F_SP * mel;
    }

    /**
     * The centre frequencies of {@code nMels + 2} equally spaced mels from {@code fMinHz} to
     * {@code fMaxHz}, as {@code librosa.mel_frequencies} (numpy's linspace arithmetic).
     */
    static double[] melFrequencies(int count, double fMinHz, double fMaxHz) {
        double minMel = hzToMel(fMinHz);
        double maxMel = hzToMel(fMaxHz);
        double[] hz = new double[count];
        double step = (maxMel - minMel) / (count - 1);
        for (int i = 0; i < count; i++) {
            double mel = i == count - 1 ? maxMel : i * step + minMel;
            hz[i] = melToHz(mel);
        }
        return hz;
    }

    /**
     * The centre frequency in Hz of every FFT bin, {@code numpy.fft.rfftfreq(nFft, 1 / sampleRate)}.
     *
     * @param sampleRateHz sample rate in Hz
     * @param nFft FFT length in samples
     * @return {@code nFft / 2 + 1} frequencies from 0 to the Nyquist frequency
     */
    public static double[] fftFrequencies(double sampleRateHz, int nFft) {
        double[] f = new double[nFft / 2 + 1];
        double binHz = 1.0 / (nFft * (1.0 / sampleRateHz));
        for (int k = 0; k < f.length; k++) {
            f[k] = k * binHz;
        }
        return f;
    }

    /**
     * The dense Slaney-normalised mel filterbank: triangular filters on the mel scale, each scaled
     * by {@code 2 / (upper edge - lower edge in Hz)} so it has constant energy per Hz.
     *
     * @param sampleRateHz sample rate in Hz (typically 16000 or 22050)
     * @param nFft FFT length in samples (typically 1024 or 2048)
     * @param nMels number of filters (typically 64 or 128)
     * @param fMinHz lowest frequency in Hz, >= 0
     * @param fMaxHz highest frequency in Hz, at most the Nyquist frequency
     * @return weights {@code [nMels][nFft / 2 + 1]}; a filter narrower than one bin is all zero
     */
    public static double[][] slaney(double sampleRateHz, int nFft, int nMels, double fMinHz, double fMaxHz) {
        if (nMels < 1) {
            throw new IllegalArgumentException("nMels must be >= 1, got " + nMels);
        }
        if (!(fMinHz >= 0 && fMinHz < fMaxHz && fMaxHz <= sampleRateHz / 2.0 + 1e-9)) {
            throw new IllegalArgumentException("need 0 <= fMinHz < fMaxHz <= sampleRate / 2, got fMinHz="
                    + fMinHz + ", fMaxHz=" + fMaxHz + ", sampleRate=" + sampleRateHz);
        }
        double[] fftFreqs = fftFrequencies(sampleRateHz, nFft);
        double[] melF = melFrequencies(nMels + 2, fMinHz, fMaxHz);
        double[][] weights = new double[nMels][fftFreqs.length];
        for (int i = 0; i < nMels; i++) {
            double lowerWidth = melF[i + 1] - melF[i];
            double upperWidth = melF[i + 2] - melF[i + 1];
            double norm = 2.0 / (melF[i + 2] - melF[i]);
            for (int k = 0; k < fftFreqs.length; k++) {
                double lower = -(melF[i] - fftFreqs[k]) / lowerWidth;
                double upper = (melF[i + 2] - fftFreqs[k]) / upperWidth;
                float w = (float) Math.max(0.0, Math.min(lower, upper));
                weights[i][k] = (float) (w * norm);
            }
        }
        return weights;
    }
}
