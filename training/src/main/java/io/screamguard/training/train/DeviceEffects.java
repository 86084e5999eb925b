package io.screamguard.training.train;

import io.screamguard.core.audio.Resampler;
import io.screamguard.training.windows.WindowSignal;

/**
 * What a recording device and a room do to a sound, as pure functions on mono samples in [-1, 1]:
 * used to augment training clips so that the forest learns the sound rather than the recorder,
 * and to judge a model on telephone-band audio.
 */
public final class DeviceEffects {

    /** The rate of telephone audio (narrow-band codecs, the infant-cry corpus). */
    public static final int TELEPHONE_RATE_HZ = 8000;

    /** Comb filter delays of the reverberator in ms (mutually prime in samples at 16 kHz). */
    private static final double[] COMB_DELAYS_MS = {29.7, 37.1, 41.1, 43.7};
    /** All-pass filter delays in ms and their gain. */
    private static final double[] ALLPASS_DELAYS_MS = {5.0, 1.7};
    private static final double ALLPASS_GAIN = 0.7;

    private DeviceEffects() {
    }

    /**
     * Telephone band: the signal resampled down to 8 kHz and back up to {@code rateHz} with the
     * project's own resampler, exactly what the server does with an 8 kHz recording (nothing
     * above about 3.6 kHz survives).
     *
     * @param samples samples at {@code rateHz}
     * @param rateHz  their rate, above 8000 Hz (at or below it the samples are returned as they are)
     * @return samples at {@code rateHz}, the same length
     */
    public static float[] telephoneBand(float[] samples, int rateHz) {
        if (rateHz <= TELEPHONE_RATE_HZ) {
            return samples.clone();
        }
        float[] narrow = Resampler.resample(Resampler.resample(samples, rateHz, TELEPHONE_RATE_HZ),
                TELEPHONE_RATE_HZ, rateHz);
        return java.util.Arrays.copyOf(narrow, samples.length);
    }

    /**
     * A simple room: a Schroeder reverberator (four parallel feedback combs, two series
     * all-passes) whose comb feedback gives the reverberation time {@code rt60Seconds}, mixed with
     * the dry signal at {@code wetFraction}; the result is clipped to [-1, 1].
     *
     * @param samples     dry samples
     * @param rateHz      their rate
     * @param rt60Seconds time for the tail to decay by 60 dB, in (0, 5]
     * @param wetFraction share of the reverberant signal in [0, 1]
     * @return the reverberant signal, the same length
     */
    public static float[] reverberate(float[] samples, int rateHz, double rt60Seconds, double wetFraction) {
        if (!(rt60Seconds > 0 && rt60Seconds <= 5)) {
            throw new IllegalArgumentException("rt60Seconds must be in (0, 5], got " + rt60Seconds);
        }
        if (!(wetFraction >= 0 && wetFraction <= 1)) {
            throw new IllegalArgumentException("wetFraction must be in [0, 1], got " + wetFraction);
        }
        int n = samples.length;
        double[] wet = new double[n];
        for (double delayMs : COMB_DELAYS_MS) {
            int delay = Math.max(1, (int) Math.round(delayMs * rateHz / 1000.0));
            // feedback g per pass of the delay: g^(rt60 / delay) = 10^-3
            double g = Math.pow(10.0, -3.0 * delay / (rt60Seconds * rateHz));
            double[] line = new double[n];
            for (int i = 0; i < n; i++) {
                double fed = i >= delay ? line[i - delay] : 0.0;
                line[i] = samples[i] + g * fed;
                wet[i] += fed;
            }
        }
        for (double delayMs : ALLPASS_DELAYS_MS) {
            wet = allPass(wet, Math.max(1, (int) Math.round(delayMs * rateHz / 1000.0)), ALLPASS_GAIN);
        }
        double dryRms = samples.length == 0 ? 0 : WindowSignal.rms(samples, 0, samples.length);
        double wetRms = rms(wet);
        double scale = wetRms > 0 ? dryRms / wetRms : 0.0;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = clip((1 - wetFraction) * samples[i] + wetFraction * scale * wet[i]);
        }
        return out;
    }

    private static double[] allPass(double[] in, int delay, double gain) {
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double delayedIn = i >= delay ? in[i - delay] : 0.0;
            double delayedOut = i >= delay ? out[i - delay] : 0.0;
            out[i] = -gain * in[i] + delayedIn + gain * delayedOut;
        }
        return out;
    }

    private static double rms(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return x.length == 0 ? 0 : Math.sqrt(sum / x.length);
    }

    private static float clip(double value) {
        return (float) Math.max(-1.0, Math.min(1.0, value));
    }
}
