package io.screamguard.core.features;

import io.screamguard.core.dsp.ChromaFilterbank;
import io.screamguard.core.dsp.Dct;
import io.screamguard.core.dsp.MelFilterbank;
import io.screamguard.core.dsp.RealFft;
import io.screamguard.core.dsp.SparseFilterbank;
import io.screamguard.core.dsp.Windows;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything about the frame and window analysis of one {@link FeatureConfig} that never changes:
 * the analysis window, the FFT plans, the mel, DCT and chroma tables, the bin frequencies, the
 * spectral contrast bands, the periodicity normalisation, the roughness tables, the layout of a frame row, the summary's
 * names and its {@link FeatureSchema}. Built once per configuration and shared by every
 * {@link FrameAnalyzer}, {@link WindowFeatureExtractor} and {@link StreamingFeatureExtractor} of that
 * configuration, so that a live stream only pays for its own buffers (about 40 KB at
 * {@link FeatureConfig#analysis()} instead of about 250 KB, and microseconds instead of about a
 * millisecond to start).
 *
 * <p>Immutable and thread-safe (JTransforms' {@code DoubleFFT_1D} writes its fields only in its
 * constructor; its transforms use the caller's array). The plans of the first
 * {@value #MAX_CACHED_PLANS} configurations are cached; later configurations get a private plan
 * each, so that a parade of odd configurations cannot pin memory.
 */
final class FeaturePlan {
    static final int CHROMA = FeatureConfig.CHROMA_BINS;
    /** Configurations whose plans are kept (a server uses one or two). */
    static final int MAX_CACHED_PLANS = 16;

    private static final Map<FeatureConfig, FeaturePlan> CACHE = new ConcurrentHashMap<>();

    final FeatureConfig config;
    /** FFT bins at or below {@code fMaxHz}. */
    final int bins;
    /** Periodic Hann window, {@code nFft} weights. */
    final double[] window;
    final RealFft fft;
    final SparseFilterbank mel;
    /** The orthonormal DCT-II, mel-major: {@code dctByMel[m * nMfcc + k]}. */
    final double[] dctByMel;
    /** Chroma weights at tuning 0, bin-major: {@code chromaWeights[k * 12 + c]}. */
    final double[] chromaWeights;
    final double[] freqsHz;
    /** Band layout; every analyser takes {@link SpectralContrast#withOwnScratch()}. */
    final SpectralContrast contrast;
    /** Periodicity tables; every analyser takes {@link Periodicity#withOwnBuffer()}. */
    final Periodicity periodicity;
    /** Roughness tables; every analyser takes {@link Roughness#withOwnBuffer()}. */
    final Roughness roughness;

    final int mfccOffset;
    final int chromaOffset;
    final int zcrIndex;
    final int rmsIndex;
    final int centroidIndex;
    final int bandwidthIndex;
    final int rolloffIndex;
    final int flatnessIndex;
    final int contrastOffset;
    final int voicingIndex;
    final int pitchIndex;
    final int roughnessIndex;
    /** Values per frame row. */
    final int width;

    final WindowSummarizer summarizer;
    final FeatureSchema schema;

    private FeaturePlan(FeatureConfig config) {
        this.config = config;
        this.bins = config.analysedBins();
        this.window = Windows.hannPeriodic(config.nFft());
        this.fft = new RealFft(config.nFft());
        this.mel = new SparseFilterbank(MelFilterbank.slaney(config.sampleRate(), config.nFft(), config.nMels(),
                config.fMinHz(), config.fMaxHz()));
        double[][] dct = Dct.orthonormalMatrix(config.nMfcc(), config.nMels());
        this.dctByMel = new double[config.nMels() * config.nMfcc()];
        for (int m = 0; m < config.nMels(); m++) {
            for (int k = 0; k < config.nMfcc(); k++) {
                dctByMel[m * config.nMfcc() + k] = dct[k][m];
            }
        }
        double[][] chroma = ChromaFilterbank.librosa(config.sampleRate(), config.nFft(), CHROMA, 0.0);
        this.chromaWeights = new double[bins * CHROMA];
        for (int k = 0; k < bins; k++) {
            for (int c = 0; c < CHROMA; c++) {
                chromaWeights[k * CHROMA + c] = chroma[c][k];
            }
        }
        this.freqsHz = MelFilterbank.fftFrequencies(config.sampleRate(), config.nFft());
        this.contrast = new SpectralContrast(freqsHz, bins, config.contrastBands(), config.contrastFMinHz());
        this.periodicity = new Periodicity(config.sampleRate(), window);
        this.roughness = new Roughness(config.sampleRate(), config.nFft());

        mfccOffset = 0;
        chromaOffset = config.nMfcc();
        zcrIndex = chromaOffset + CHROMA;
        rmsIndex = zcrIndex + 1;
        centroidIndex = rmsIndex + 1;
        bandwidthIndex = centroidIndex + 1;
        rolloffIndex = bandwidthIndex + 1;
        flatnessIndex = rolloffIndex + 1;
        contrastOffset = flatnessIndex + 1;
        voicingIndex = contrastOffset + contrast.rows();
        pitchIndex = voicingIndex + 1;
        roughnessIndex = pitchIndex + 1;
        width = roughnessIndex + 1;

        this.summarizer = new WindowSummarizer(this);
        this.schema = FeatureSchema.withNames(summarizer.names());
    }

    /**
     * The shared plan of a configuration, built on first use.
     *
     * @param config the analysis settings
     * @return the plan (the same instance for equal configurations while the cache has room)
     */
    static FeaturePlan of(FeatureConfig config) {
        Objects.requireNonNull(config, "config");
        FeaturePlan cached = CACHE.get(config);
        if (cached != null) {
            return cached;
        }
        if (CACHE.size() >= MAX_CACHED_PLANS) {
            return new FeaturePlan(config);
        }
        return CACHE.computeIfAbsent(config, FeaturePlan::new);
    }

    /** @return the number of contrast rows, bands + 1 */
    int contrastRows() {
        return contrast.rows();
    }
}
