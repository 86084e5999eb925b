package io.screamguard.core.features;

/**
 * The spectral analysis settings shared by every feature.
 *
 * @param sampleRate sample rate of the analysed signal in Hz (8000 to 192000)
 * @param nFft STFT frame and FFT length in samples, a multiple of 4 and at least 256 (2048 for
 *     librosa's defaults)
 * @param hopLength STFT hop in samples, 1 to {@code nFft}
 * @param nMels number of mel bands
 * @param fMinHz lowest frequency of the mel filterbank in Hz, >= 0
 * @param fMaxHz highest frequency analysed in Hz, at most {@code sampleRate / 2}: the mel
 *     filterbank ends here and the spectral statistics of the summary vector ignore higher bins
 * @param nMfcc number of MFCCs, 1 to {@code nMels}
 * @param contrastBands number of octave bands of spectral contrast (librosa: 6, giving 7 rows)
 * @param contrastFMinHz lower edge of the first contrast octave in Hz (librosa: 200)
 */
public record FeatureConfig(int sampleRate, int nFft, int hopLength, int nMels, double fMinHz,
                            double fMaxHz, int nMfcc, int contrastBands, double contrastFMinHz) {

    /** Number of pitch classes of the chroma features. */
    public static final int CHROMA_BINS = 12;
    /** Fraction of the spectral magnitude below the rolloff frequency (librosa: 0.85). */
    public static final double ROLLOFF_FRACTION = 0.85;

    /** Validates every field and names the bad value. */
    public FeatureConfig {
        if (sampleRate < 8000 || sampleRate > 192000) {
            throw new IllegalArgumentException("sampleRate must be 8000..192000 Hz, got " + sampleRate);
        }
        if (nFft < 256 || nFft % 4 != 0) {
            throw new IllegalArgumentException("nFft must be a multiple of 4 and >= 256, got " + nFft);
        }
        if (hopLength < 1 || hopLength > nFft) {
            throw new IllegalArgumentException("hopLength must be 1..nFft (" + nFft + "), got " + hopLength);
        }
        if (nMels < 1) {
            throw new IllegalArgumentException("nMels must be >= 1, got " + nMels);
        }
        if (!(fMinHz >= 0 && fMinHz < fMaxHz)) {
            throw new IllegalArgumentException("need 0 <= fMinHz < fMaxHz, got fMinHz=" + fMinHz + ", fMaxHz=" + fMaxHz);
        }
        if (fMaxHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("fMaxHz must be at most the Nyquist frequency " + sampleRate / 2.0
                    + " Hz, got " + fMaxHz);
        }
        if (nMfcc < 1 || nMfcc > nMels) {
            throw new IllegalArgumentException("nMfcc must be 1..nMels (" + nMels + "), got " + nMfcc);
        }
        if (contrastBands < 1) {
            throw new IllegalArgumentException("contrastBands must be >= 1, got " + contrastBands);
        }
        double topEdge = contrastFMinHz * Math.pow(2.0, contrastBands - 1);
        if (!(contrastFMinHz > 0) || topEdge + sampleRate / (double) nFft > fMaxHz) {
            throw new IllegalArgumentException("spectral contrast needs its last octave edge contrastFMinHz * 2^(bands-1) = "
                    + topEdge + " Hz at least one bin below fMaxHz " + fMaxHz + " Hz; lower contrastBands ("
                    + contrastBands + ") or contrastFMinHz (" + contrastFMinHz + ")");
        }
    }

    /**
     * librosa's defaults, the golden settings: n_fft 2048, hop 512, 128 mel bands from 0 Hz to the
     * Nyquist frequency, 13 MFCCs, spectral contrast with 6 octaves from 200 Hz.
     *
     * @param sampleRate sample rate in Hz
     * @return the configuration
     */
    public static FeatureConfig librosa(int sampleRate) {
        return new FeatureConfig(sampleRate, 2048, 512, 128, 0.0, sampleRate / 2.0, 13, 6, 200.0);
    }

    /**
     * What the model uses: every source resampled to 16 kHz and analysed from 0 to 8 kHz, with a
     * 64 ms frame (1024 samples, 15.6 Hz bins) every 20 ms (320 samples), 64 mel bands and 20 MFCCs.
     * Every recording that reaches us (8, 16, 22.05, 44.1 or 48 kHz) has content up to 8 kHz
     * except 8 kHz telephone-band audio, so the model sees the same band whatever the recorder.
     *
     * @return the analysis configuration
     */
    public static FeatureConfig analysis() {
        return new FeatureConfig(16000, 1024, 320, 64, 0.0, 8000.0, 20, 6, 200.0);
    }

    /** @return the number of FFT bins, {@code nFft / 2 + 1} */
    public int fftBins() {
        return nFft / 2 + 1;
    }

    /** @return the number of FFT bins at or below {@link #fMaxHz()} (all bins when it is Nyquist) */
    public int analysedBins() {
        double binHz = sampleRate / (double) nFft;
        int bins = (int) Math.floor(fMaxHz / binHz + 1e-9) + 1;
        return Math.min(bins, fftBins());
    }

    /** @return a short human-readable description, e.g. for logs and model metadata */
    public String describe() {
        return sampleRate + " Hz, n_fft " + nFft + ", hop " + hopLength + ", " + nMels + " mels "
                + fMinHz + "-" + fMaxHz + " Hz, " + nMfcc + " MFCC";
    }
}
