package io.screamguard.core.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DspTest {

    @Test
    void the_periodic_hann_window_starts_at_zero_peaks_mid_frame_and_is_dft_even() {
        double[] w = Windows.hannPeriodic(8);

        assertEquals(0.0, w[0], 1e-15);
        assertEquals(1.0, w[4], 1e-15);
        for (int i = 1; i < 8; i++) {
            assertEquals(w[i], w[8 - i], 1e-15, "w[" + i + "] = w[n - " + i + "]");
        }
        assertThrows(IllegalArgumentException.class, () -> Windows.hannPeriodic(0));
    }

    @Test
    void the_fft_puts_a_sine_in_its_bin_with_power_of_half_the_length_times_the_amplitude_squared() {
        int n = 256;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 * Math.cos(2 * Math.PI * 10 * i / n) + 0.25 + ((i % 2 == 0) ? 0.125 : -0.125);
        }
        RealFft fft = new RealFft(n);
        fft.forwardInPlace(x);
        double[] power = new double[fft.bins()];
        RealFft.power(x, power, power.length);

        assertEquals(Math.pow(0.5 * n / 2, 2), power[10], 1e-6, "sine bin");
        assertEquals(Math.pow(0.25 * n, 2), power[0], 1e-6, "DC");
        assertEquals(Math.pow(0.125 * n, 2), power[n / 2], 1e-6, "Nyquist");
        assertEquals(0.0, power[11], 1e-6);
        assertEquals(0.5 * n / 2, RealFft.real(x, 10), 1e-9);
        assertEquals(0.0, RealFft.imaginary(x, 0));
        assertThrows(IllegalArgumentException.class, () -> new RealFft(255));
    }

    @Test
    void the_slaney_mel_scale_is_linear_to_1_khz_then_logarithmic_and_invertible() {
        assertEquals(15.0, MelFilterbank.hzToMel(1000), 1e-9);
        assertEquals(3.0, MelFilterbank.hzToMel(200), 1e-12);
        for (double hz : new double[] {0, 55, 440, 999, 1000, 4000, 11025}) {
            assertEquals(hz, MelFilterbank.melToHz(MelFilterbank.hzToMel(hz)), 1e-9 * Math.max(1, hz));
        }
    }

    @Test
    void slaney_mel_filters_have_unit_area_in_hz_and_ascending_peaks() {
        double[][] bank = MelFilterbank.slaney(22050, 2048, 40, 0, 11025);
        double binHz = 22050 / 2048.0;

        int previousPeak = -1;
        for (int m = 5; m < 40; m++) {
            double area = 0;
            int peak = 0;
            for (int k = 0; k < bank[m].length; k++) {
                assertTrue(bank[m][k] >= 0);
                area += bank[m][k] * binHz;
                if (bank[m][k] > bank[m][peak]) {
                    peak = k;
                }
            }
            assertEquals(1.0, area, 0.05, "filter " + m);
            assertTrue(peak > previousPeak, "peaks ascend");
            previousPeak = peak;
        }
        assertThrows(IllegalArgumentException.class, () -> MelFilterbank.slaney(16000, 1024, 64, 0, 9000));
    }

    @Test
    void the_sparse_filterbank_gives_the_dense_product() {
        double[][] dense = MelFilterbank.slaney(16000, 1024, 64, 0, 8000);
        SparseFilterbank sparse = new SparseFilterbank(dense);
        double[] spectrum = new double[513];
        Random random = new Random(1);
        for (int k = 0; k < spectrum.length; k++) {
            spectrum[k] = random.nextDouble();
        }
        double[] out = new double[64];

        sparse.apply(spectrum, out);

        for (int m = 0; m < 64; m++) {
            double expected = 0;
            for (int k = 0; k < 513; k++) {
                expected += dense[m][k] * spectrum[k];
            }
            assertEquals(expected, out[m], 1e-12);
        }
        assertTrue(sparse.usedBins() <= 513);
    }

    @Test
    void the_orthonormal_dct_matrix_is_orthogonal() {
        double[][] d = Dct.orthonormalMatrix(16, 16);

        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                double dot = 0;
                for (int n = 0; n < 16; n++) {
                    dot += d[i][n] * d[j][n];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Dct.orthonormalMatrix(20, 16));
    }

    @Test
    void the_chroma_filterbank_maps_440_hz_to_a_and_262_hz_to_c() {
        double[][] chroma = ChromaFilterbank.librosa(22050, 4096, 12, 0.0);
        int binA = (int) Math.round(440.0 * 4096 / 22050);
        int binC = (int) Math.round(261.63 * 4096 / 22050);

        assertEquals(9, argmaxRow(chroma, binA));
        assertEquals(0, argmaxRow(chroma, binC));
    }

    private static int argmaxRow(double[][] m, int column) {
        int best = 0;
        for (int r = 1; r < m.length; r++) {
            if (m[r][column] > m[best][column]) {
                best = r;
            }
        }
        return best;
    }

    @Test
    void pitch_tuning_finds_the_common_deviation_from_equal_temperament() {
        float[] freqs = new float[50];
        for (int i = 0; i < freqs.length; i++) {
            freqs[i] = (float) (110.0 * Math.pow(2, (i % 24 + 0.305) / 12.0));
        }

        assertEquals(0.30, TuningEstimator.pitchTuning(freqs, 0.01, 12), 1e-9);
        assertEquals(0.0, TuningEstimator.pitchTuning(new float[0], 0.01, 12));
        assertEquals(0.0, TuningEstimator.pitchTuning(new float[] {-1f, 0f}, 0.01, 12));
    }

    @Test
    void the_tuning_of_a_sharp_sine_is_estimated_from_its_spectral_peaks() {
        int sr = 22050;
        int nFft = 2048;
        double hz = 440 * Math.pow(2, 0.25 / 12);
        double[] window = Windows.hannPeriodic(nFft);
        RealFft fft = new RealFft(nFft);
        float[][] power = new float[20][nFft / 2 + 1];
        double[] buffer = new double[nFft];
        double[] p = new double[nFft / 2 + 1];
        for (int t = 0; t < 20; t++) {
            for (int i = 0; i < nFft; i++) {
                buffer[i] = 0.5 * Math.sin(2 * Math.PI * hz * (t * 512 + i) / sr) * window[i];
            }
            fft.forwardInPlace(buffer);
            RealFft.power(buffer, p, p.length);
            for (int k = 0; k < p.length; k++) {
                power[t][k] = (float) p[k];
            }
        }

        // parabolic interpolation on a Hann-windowed power peak is biased by a few hundredths (librosa too)
        assertEquals(0.25, TuningEstimator.estimate(power, sr, 12), 0.05);
        assertEquals(0.0, TuningEstimator.estimate(new float[3][1025], sr, 12), "silence");
    }

    @Test
    void centred_framing_gives_one_frame_per_hop_plus_one_and_pads_by_zeros_or_edges() {
        assertEquals(44, Framing.frameCount(22050, 2048, 512, true));
        assertEquals(5, Framing.frameCount(2205, 2048, 512, true));
        assertEquals(1, Framing.frameCount(0, 2048, 512, true));
        assertEquals(0, Framing.frameCount(100, 2048, 512, false));
        assertEquals(40, Framing.frameCount(22050, 2048, 512, false));

        assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0}, Framing.pad(new float[] {1, 2}, 2, Framing.Padding.CONSTANT));
        assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2}, Framing.pad(new float[] {1, 2}, 2, Framing.Padding.EDGE));
    }

    @Test
    void power_to_db_floors_at_amin_and_keeps_80_db_below_the_maximum() {
        double[][] values = {{1.0, 1e-3}, {1e-12, 0.0}};

        Decibels.powerToDbInPlace(values, 1e-10, 80);

        assertArrayEquals(new double[] {0.0, -30.0}, values[0], 1e-9);
        assertArrayEquals(new double[] {-80.0, -80.0}, values[1], 1e-9);
        assertEquals(-100.0, Decibels.powerToDb(0.0, 1e-10), 1e-12);
    }

    @Test
    void the_autocorrelation_from_the_power_spectrum_is_the_circular_autocorrelation() {
        int n = 64;
        double[] x = new double[n];
        Random random = new Random(5);
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        double[] packed = x.clone();
        RealFft fft = new RealFft(n);
        fft.forwardInPlace(packed);
        double[] power = new double[n / 2 + 1];
        RealFft.power(packed, power, power.length);
        double[] r = new double[n];

        fft.autocorrelationFromPower(power, r);

        for (int lag = 0; lag < n; lag++) {
            double expected = 0;
            for (int i = 0; i < n; i++) {
                expected += x[i] * x[(i + lag) % n];
            }
            assertEquals(expected, r[lag], 1e-9, "lag " + lag);
        }
    }
}
