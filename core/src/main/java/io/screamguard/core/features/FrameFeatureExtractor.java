package io.screamguard.core.features;

import io.screamguard.core.dsp.ChromaFilterbank;
import io.screamguard.core.dsp.Dct;
import io.screamguard.core.dsp.Decibels;
import io.screamguard.core.dsp.Framing;
import io.screamguard.core.dsp.MelFilterbank;
import io.screamguard.core.dsp.RealFft;
import io.screamguard.core.dsp.SparseFilterbank;
import io.screamguard.core.dsp.TuningEstimator;
import io.screamguard.core.dsp.Windows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * librosa-exact frame-level features of a whole signal with centred frames (the golden
 * contract). Each array is {@code [rows][frames]} with {@code frames = 1 + samples / hop}:
 * <ul>
 *   <li>{@code mel_power}: Slaney mel power spectrogram ({@code nMels} rows)</li>
 *   <li>{@code mfcc13}, {@code mfcc40}: orthonormal DCT-II of {@code power_to_db(mel_power,
 *       ref=1, amin=1e-10, top_db=80)}, the 80 dB range taken over the whole signal</li>
 *   <li>{@code chroma_stft}: chroma of the power spectrogram with librosa's tuning estimate,
 *       each frame scaled to a maximum of 1; {@code chroma_stft_tuning0}: with tuning 0;
 *       {@code tuning}: the estimate, {@code [[bins]]}</li>
 *   <li>{@code zcr}, {@code rms}: over centred frames of {@code nFft} samples (edge padding for
 *       ZCR, zero padding for RMS)</li>
 *   <li>{@code spectral_centroid}, {@code spectral_bandwidth}, {@code spectral_rolloff} (Hz),
 *       {@code spectral_flatness}, {@code spectral_contrast} (dB, {@code contrastBands + 1}
 *       rows, the 80 dB range over the whole signal) from the magnitude spectrogram</li>
 * </ul>
 * Silence gives MFCC row 0 = -1131.37, other MFCCs 0, chroma 0, tuning 0, ZCR 0, RMS 0, flatness 1
 * and contrast 0, as librosa does.
 *
 * <p>The spectrogram is rounded to float32 like librosa's so histogram and threshold decisions
 * (tuning, rolloff) fall the same way. Offline only (it holds the whole spectrogram);
 * thread-safe: every call allocates its own buffers.
 */
public final class FrameFeatureExtractor {
    /** The golden array names, in output order. */
    public static final List<String> NAMES = List.of("mfcc13", "mfcc40", "chroma_stft", "chroma_stft_tuning0",
            "tuning", "zcr", "rms", "spectral_centroid", "spectral_bandwidth", "spectral_rolloff",
            "spectral_flatness", "spectral_contrast", "mel_power");

    private final FeatureConfig config;
    private final double[] window;
    private final double[][] melWeights;
    private final double[][] dct13;
    private final double[][] dct40;
    private final double[] freqsHz;
    private final double[][] chromaTuning0;

    /**
     * @param config analysis settings; {@code nMels} must be at least 40 for {@code mfcc40}
     */
    public FrameFeatureExtractor(FeatureConfig config) {
        if (config.nMels() < 40) {
            throw new IllegalArgumentException("mfcc40 needs nMels >= 40, got " + config.nMels());
        }
        this.config = config;
        this.window = Windows.hannPeriodic(config.nFft());
        this.melWeights = MelFilterbank.slaney(config.sampleRate(), config.nFft(), config.nMels(),
                config.fMinHz(), config.fMaxHz());
        this.dct13 = Dct.orthonormalMatrix(13, config.nMels());
        this.dct40 = Dct.orthonormalMatrix(40, config.nMels());
        this.freqsHz = MelFilterbank.fftFrequencies(config.sampleRate(), config.nFft());
        this.chromaTuning0 = ChromaFilterbank.librosa(config.sampleRate(), config.nFft(),
                FeatureConfig.CHROMA_BINS, 0.0);
    }

    /** @return the settings this extractor was built with */
    public FeatureConfig config() {
        return config;
    }

    /**
     * @param y mono samples at {@code config().sampleRate()}, any length (an empty signal gives one frame)
     * @return every golden array by name ({@link #NAMES} order), each {@code [rows][frames]}
     */
    public Map<String, double[][]> extract(float[] y) {
        int nFft = config.nFft();
        int hop = config.hopLength();
        int frames = Framing.frameCount(y.length, nFft, hop, true);
        int bins = config.analysedBins();
        float[][] magnitude = new float[frames][];
        float[][] power = new float[frames][];
        stft(y, frames, magnitude, power);

        Map<String, double[][]> out = new LinkedHashMap<>();
        double[][] melPower = melPower(power, frames);
        double[][] melDb = new double[melPower.length][];
        for (int m = 0; m < melPower.length; m++) {
            melDb[m] = melPower[m].clone();
        }
        Decibels.powerToDbInPlace(melDb, Decibels.DEFAULT_AMIN, Decibels.DEFAULT_TOP_DB);
        out.put("mfcc13", dctRows(dct13, melDb, frames));
        out.put("mfcc40", dctRows(dct40, melDb, frames));

        double tuning = TuningEstimator.estimate(power, config.sampleRate(), FeatureConfig.CHROMA_BINS);
        double[][] chromaTuned = ChromaFilterbank.librosa(config.sampleRate(), nFft, FeatureConfig.CHROMA_BINS, tuning);
        out.put("chroma_stft", chroma(chromaTuned, power, frames, bins));
        out.put("chroma_stft_tuning0", chroma(chromaTuning0, power, frames, bins));
        out.put("tuning", new double[][] {{tuning}});
        out.put("zcr", zcr(y, frames));
        out.put("rms", rms(y, frames));
        spectralShape(magnitude, frames, bins, out);
        out.put("spectral_contrast", contrast(magnitude, frames, bins));
        out.put("mel_power", melPower);
        return out;
    }

    private void stft(float[] y, int frames, float[][] magnitude, float[][] power) {
        int nFft = config.nFft();
        float[] padded = Framing.pad(y, nFft / 2, Framing.Padding.CONSTANT);
        RealFft fft = new RealFft(nFft);
        double[] buffer = new double[nFft];
        int fftBins = config.fftBins();
        for (int t = 0; t < frames; t++) {
            int start = t * config.hopLength();
            for (int i = 0; i < nFft; i++) {
                buffer[i] = padded[start + i] * window[i];
            }
            fft.forwardInPlace(buffer);
            float[] mag = new float[fftBins];
            float[] pow = new float[fftBins];
            for (int k = 0; k < fftBins; k++) {
                float re = (float) RealFft.real(buffer, k);
                float im = (float) RealFft.imaginary(buffer, k);
                float m = (float) Math.hypot(re, im);
                mag[k] = m;
                pow[k] = m * m;
            }
            magnitude[t] = mag;
            power[t] = pow;
        }
    }

    private double[][] melPower(float[][] power, int frames) {
        SparseFilterbank bank = new SparseFilterbank(melWeights);
        double[][] out = new double[bank.filters()][frames];
        double[] spectrum = new double[config.fftBins()];
        double[] mel = new double[bank.filters()];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < spectrum.length; k++) {
                spectrum[k] = power[t][k];
            }
            bank.apply(spectrum, mel);
            for (int m = 0; m < mel.length; m++) {
                out[m][t] = mel[m];
            }
        }
        return out;
    }

    private static double[][] dctRows(double[][] dct, double[][] melDb, int frames) {
        double[][] out = new double[dct.length][frames];
        double[] column = new double[melDb.length];
        double[] coefficients = new double[dct.length];
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < melDb.length; m++) {
                column[m] = melDb[m][t];
            }
            Dct.apply(dct, column, coefficients);
            for (int k = 0; k < dct.length; k++) {
                out[k][t] = coefficients[k];
            }
        }
        return out;
    }

    private static double[][] chroma(double[][] filters, float[][] power, int frames, int bins) {
        int rows = filters.length;
        double[][] out = new double[rows][frames];
        for (int t = 0; t < frames; t++) {
            double max = 0.0;
            for (int c = 0; c < rows; c++) {
                double acc = 0.0;
                double[] w = filters[c];
                for (int k = 0; k < bins; k++) {
                    acc += w[k] * power[t][k];
                }
                out[c][t] = acc;
                max = Math.max(max, Math.abs(acc));
            }
            double scale = max < SpectralShape.TINY ? 1.0 : max;
            for (int c = 0; c < rows; c++) {
                out[c][t] /= scale;
            }
        }
        return out;
    }

    private double[][] zcr(float[] y, int frames) {
        int nFft = config.nFft();
        float[] padded = Framing.pad(y, nFft / 2, Framing.Padding.EDGE);
        double[][] out = new double[1][frames];
        for (int t = 0; t < frames; t++) {
            out[0][t] = ZeroCrossingRate.ofFrame(padded, t * config.hopLength(), nFft);
        }
        return out;
    }

    private double[][] rms(float[] y, int frames) {
        int nFft = config.nFft();
        float[] padded = Framing.pad(y, nFft / 2, Framing.Padding.CONSTANT);
        double[][] out = new double[1][frames];
        for (int t = 0; t < frames; t++) {
            out[0][t] = Rms.ofFrame(padded, t * config.hopLength(), nFft);
        }
        return out;
    }

    private void spectralShape(float[][] magnitude, int frames, int bins, Map<String, double[][]> out) {
        double[][] centroid = new double[1][frames];
        double[][] bandwidth = new double[1][frames];
        double[][] rolloff = new double[1][frames];
        double[][] flatness = new double[1][frames];
        double[] mag = new double[bins];
        double[] pow = new double[bins];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                mag[k] = magnitude[t][k];
                pow[k] = magnitude[t][k] * magnitude[t][k];
            }
            double c = SpectralShape.centroid(mag, freqsHz, bins);
            centroid[0][t] = c;
            bandwidth[0][t] = SpectralShape.bandwidth(mag, freqsHz, bins, c);
            rolloff[0][t] = SpectralShape.rolloff(mag, freqsHz, bins, FeatureConfig.ROLLOFF_FRACTION);
            flatness[0][t] = SpectralShape.flatness(pow, bins);
        }
        out.put("spectral_centroid", centroid);
        out.put("spectral_bandwidth", bandwidth);
        out.put("spectral_rolloff", rolloff);
        out.put("spectral_flatness", flatness);
    }

    private double[][] contrast(float[][] magnitude, int frames, int bins) {
        SpectralContrast bands = new SpectralContrast(freqsHz, bins, config.contrastBands(), config.contrastFMinHz());
        int rows = bands.rows();
        double[][] peakDb = new double[rows][frames];
        double[][] valleyDb = new double[rows][frames];
        double[] mag = new double[bins];
        double[] peak = new double[rows];
        double[] valley = new double[rows];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                mag[k] = magnitude[t][k];
            }
            bands.peaksAndValleys(mag, peak, valley);
            for (int r = 0; r < rows; r++) {
                peakDb[r][t] = peak[r];
                valleyDb[r][t] = valley[r];
            }
        }
        Decibels.powerToDbInPlace(peakDb, Decibels.DEFAULT_AMIN, Decibels.DEFAULT_TOP_DB);
        Decibels.powerToDbInPlace(valleyDb, Decibels.DEFAULT_AMIN, Decibels.DEFAULT_TOP_DB);
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < frames; t++) {
                peakDb[r][t] -= valleyDb[r][t];
            }
        }
        return peakDb;
    }
}
