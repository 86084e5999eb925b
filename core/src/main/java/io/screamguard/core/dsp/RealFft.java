package io.screamguard.core.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A forward real FFT of a fixed even size, wrapping JTransforms.
 *
 * <p>JTransforms' {@code realForward} packs its output in place: {@code a[2k] = Re[k]},
 * {@code a[2k+1] = Im[k]} for {@code 0 < k < n/2}, {@code a[0] = Re[0]} and
 * {@code a[1] = Re[n/2]} (both imaginary parts are zero). The accessors here hide that packing.
 *
 * <p>Not thread-safe in the sense that callers own their buffers; the plan itself is immutable,
 * but use one instance per extractor to keep buffers private.
 */
public final class RealFft {
    private final int size;
    private final DoubleFFT_1D plan;

    /**
     * @param size transform length in samples, even and at least 2 (typically 512 to 4096)
     */
    public RealFft(int size) {
        if (size < 2 || size % 2 != 0) {
            throw new IllegalArgumentException("FFT size must be even and >= 2, got " + size);
        }
        this.size = size;
        this.plan = new DoubleFFT_1D(size);
    }

    /** @return the transform length in samples */
    public int size() {
        return size;
    }

    /** @return the number of non-negative frequency bins, {@code size / 2 + 1} */
    public int bins() {
        return size / 2 + 1;
    }

    /**
     * Transforms {@code buffer} (length {@link #size()}) in place into JTransforms' packed layout.
     *
     * @param buffer real samples in, packed spectrum out
     */
    public void forwardInPlace(double[] buffer) {
        if (buffer.length != size) {
            throw new IllegalArgumentException("buffer length must be " + size + ", got " + buffer.length);
        }
        plan.realForward(buffer);
    }

    /**
     * Circular autocorrelation from a power spectrum (Wiener-Khinchin): writes
     * {@code r[lag] = sum_n x[n] x[(n + lag) mod size]} for the signal whose power spectrum
     * ({@code size / 2 + 1} bins, e.g. from {@link #power}) is given, into {@code out[0 .. size)}.
     *
     * @param power power per bin, {@code size / 2 + 1} values
     * @param out receives the autocorrelation, {@code size} values (used as the work buffer)
     */
    public void autocorrelationFromPower(double[] power, double[] out) {
        autocorrelationFromPowerUnscaled(power, out);
        double scale = 2.0 / size;
        for (int i = 0; i < size; i++) {
            out[i] *= scale;
        }
    }

    /**
     * As {@link #autocorrelationFromPower} but every value multiplied by {@code size / 2} (one pass
     * less, for callers that only use ratios of autocorrelation values).
     *
     * @param power power per bin, {@code size / 2 + 1} values
     * @param out receives {@code size / 2} times the autocorrelation
     */
    public void autocorrelationFromPowerUnscaled(double[] power, double[] out) {
        if (out.length != size || power.length < size / 2 + 1) {
            throw new IllegalArgumentException("need power of " + (size / 2 + 1) + " bins and out of " + size
                    + ", got " + power.length + " and " + out.length);
        }
        int half = size / 2;
        out[0] = power[0];
        out[1] = power[half];
        for (int k = 1; k < half; k++) {
            out[2 * k] = power[k];
            out[2 * k + 1] = 0.0;
        }
        plan.realInverse(out, false);
    }

    /**
     * @param packed a spectrum packed by {@link #forwardInPlace}
     * @param bin frequency bin, 0 to size / 2
     * @return the real part of that bin
     */
    public static double real(double[] packed, int bin) {
        int n = packed.length;
        if (bin == 0) {
            return packed[0];
        }
        if (bin == n / 2) {
            return packed[1];
        }
        return packed[2 * bin];
    }

    /**
     * @param packed a spectrum packed by {@link #forwardInPlace}
     * @param bin frequency bin, 0 to size / 2
     * @return the imaginary part of that bin (0 at DC and Nyquist)
     */
    public static double imaginary(double[] packed, int bin) {
        int n = packed.length;
        if (bin == 0 || bin == n / 2) {
            return 0.0;
        }
        return packed[2 * bin + 1];
    }

    /**
     * Writes the power {@code |X[k]|^2} of the first {@code count} bins of a packed spectrum.
     *
     * @param packed a spectrum packed by {@link #forwardInPlace}
     * @param powerOut receives the power per bin
     * @param count number of bins to write, at most {@code packed.length / 2 + 1}
     */
    public static void power(double[] packed, double[] powerOut, int count) {
        int half = packed.length / 2;
        if (count > half + 1) {
            throw new IllegalArgumentException("count must be <= " + (half + 1) + ", got " + count);
        }
        if (count > 0) {
            powerOut[0] = packed[0] * packed[0];
        }
        int last = Math.min(count, half);
        for (int k = 1; k < last; k++) {
            double re = packed[2 * k];
            double im = packed[2 * k + 1];
            powerOut[k] = re * re + im * im;
        }
        if (count == half + 1) {
            powerOut[half] = packed[1] * packed[1];
        }
    }
}
