package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.core.dsp.MelFilterbank;
import io.screamguard.core.dsp.RealFft;
import io.screamguard.core.dsp.Windows;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameAnalyzerTest {
    private final FeatureConfig config = FeatureConfig.librosa(22050);

    @Test
    void an_uncentred_frame_matches_the_librosa_frame_over_the_same_samples() {
        // white noise: nothing falls below the 80 dB floors, so per-frame and per-clip floors agree
        float[] noise = Tones.noise(21, 0.1, 22050);
        Map<String, double[][]> librosa = new FrameFeatureExtractor(config).extract(noise);
        FrameAnalyzer analyzer = new FrameAnalyzer(config);
        double[] row = new double[analyzer.width];
        int t = 6;

        analyzer.analyze(noise, t * 512 - 1024, row);

        for (int k = 0; k < 13; k++) {
            assertEquals(librosa.get("mfcc13")[k][t], row[analyzer.mfccOffset + k], 1e-3, "mfcc " + k);
        }
        for (int c = 0; c < 12; c++) {
            assertEquals(librosa.get("chroma_stft_tuning0")[c][t], row[analyzer.chromaOffset + c], 1e-5, "chroma " + c);
        }
        assertEquals(librosa.get("zcr")[0][t], row[analyzer.zcrIndex], 0.0, "zcr");
        assertEquals(librosa.get("rms")[0][t], row[analyzer.rmsIndex], 1e-6, "rms");
        assertEquals(librosa.get("spectral_centroid")[0][t], row[analyzer.centroidIndex], 1e-3, "centroid");
        assertEquals(librosa.get("spectral_bandwidth")[0][t], row[analyzer.bandwidthIndex], 1e-3, "bandwidth");
        assertEquals(librosa.get("spectral_rolloff")[0][t], row[analyzer.rolloffIndex], 22050.0 / 2048 + 1e-9, "rolloff within a bin");
        assertEquals(librosa.get("spectral_flatness")[0][t], row[analyzer.flatnessIndex], 1e-5, "flatness");
        for (int b = 0; b < 7; b++) {
            assertEquals(librosa.get("spectral_contrast")[b][t], row[analyzer.contrastOffset + b], 1e-4, "contrast " + b);
        }
    }

    @Test
    void the_single_log_flatness_equals_the_mean_of_logs() {
        float[] tone = Tones.screamLike(2, 22050, 0.2);
        double[] buffer = new double[2048];
        double[] window = Windows.hannPeriodic(2048);
        for (int i = 0; i < 2048; i++) {
            buffer[i] = tone[i] * window[i];
        }
        new RealFft(2048).forwardInPlace(buffer);
        double[] power = new double[1025];
        RealFft.power(buffer, power, 1025);

        assertEquals(SpectralShape.flatness(power, 1025), FrameAnalyzer.flatness(power, 1025), 1e-12);
    }

    @Test
    void bins_above_the_analysed_band_are_ignored() {
        FeatureConfig capped = new FeatureConfig(22050, 2048, 512, 64, 0, 8000, 20, 6, 200);
        FrameAnalyzer analyzer = new FrameAnalyzer(capped);
        float[] highTone = Tones.sine(10000, 0.5, 22050, 0.2);
        double[] row = new double[analyzer.width];

        analyzer.analyze(highTone, 0, row);

        double[] freqs = MelFilterbank.fftFrequencies(22050, 2048);
        assertEquals(744, capped.analysedBins(), "bins 0..743, the last at 7999.6 Hz");
        assertEquals(7999.6, freqs[743], 0.1);
        double rolloff = row[analyzer.rolloffIndex];
        assertEquals(true, rolloff <= 8000, "rolloff " + rolloff + " within the band");
    }

    @Test
    void a_stream_frame_has_the_bits_of_a_frame_analysed_alone() {
        FeatureConfig analysis = FeatureConfig.analysis();
        FrameAnalyzer streamed = new FrameAnalyzer(analysis);
        FrameAnalyzer alone = new FrameAnalyzer(analysis);
        float[] signal = Tones.screamLike(8, 16000, 2.0);
        double[] expected = new double[alone.width];
        double[] actual = new double[streamed.width];
        for (int t = 0; t * 320 + 1024 <= signal.length; t++) {
            alone.analyze(signal, t * 320, expected);
            streamed.analyzeStreamFrame(signal, t * 320, t * 320, actual);

            for (int c = 0; c < expected.length; c++) {
                assertEquals(Double.doubleToLongBits(expected[c]), Double.doubleToLongBits(actual[c]),
                        "frame " + t + ", column " + c);
            }
        }
    }

    @Test
    void analysing_a_frame_allocates_nothing() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count a thread's allocations");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        FrameAnalyzer analyzer = new FrameAnalyzer(FeatureConfig.analysis());
        float[] signal = Tones.screamLike(3, 16000, 1.0);
        double[] row = new double[analyzer.width];
        for (int i = 0; i < 3000; i++) {
            analyzer.analyze(signal, (i % 40) * 320, row);
        }
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            analyzer.analyze(signal, (i % 40) * 320, row);
            analyzer.analyzeStreamFrame(signal, (i % 40) * 320, i * 320L, row);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(true, allocated < 1000, allocated + " bytes for 2000 frames");
    }

    @Test
    void dropping_the_exponent_gives_the_bits_of_scalb() {
        java.util.Random random = new java.util.Random(9);
        double[] special = {1.0, 1e-300, 1e300, Double.MAX_VALUE, Double.MIN_NORMAL, Double.MIN_VALUE, 3e-310, 0.0,
            Double.POSITIVE_INFINITY, Double.NaN, 0x1.fffffffffffffp1022, 0x1.0p-1022};
        for (int i = 0; i < 100_000 + special.length; i++) {
            double x = i < special.length ? special[i] : Math.exp(random.nextGaussian() * 200) * random.nextDouble();
            int e = Math.getExponent(x);

            assertEquals(Double.doubleToRawLongBits(Math.scalb(x, -e)),
                    Double.doubleToRawLongBits(FrameAnalyzer.dropExponent(x, e)), "x = " + x);
        }
    }
}
