package io.screamguard.core.audio;

import java.util.Locale;
import java.util.Random;

/**
 * A quick single-thread measurement (thread CPU time) of the resampler (not a test): nanoseconds per output sample
 * when streaming 20 ms chunks, the CPU cost per audio-second, and the measured stopband attenuation
 * and passband gain. Run after {@code ./mvnw -o -q -pl core test-compile}:
 * {@code java -cp core/target/classes:core/target/test-classes io.screamguard.core.audio.ResamplerBenchmark}
 */
public final class ResamplerBenchmark {

    private ResamplerBenchmark() {
    }

    public static void main(String[] args) {
        int[][] pairs = {{48000, 16000}, {44100, 16000}, {22050, 16000}, {8000, 16000}, {96000, 16000},
            {16000, 22050}, {44100, 22050}, {48000, 22050}};
        System.out.println("from -> to     taps  ns/out-sample  ms CPU per audio-second  stopband dB  gain@0.9 dB"
                + "  one-shot 10 s: ms CPU per audio-second");
        for (int[] pair : pairs) {
            int from = pair[0];
            int to = pair[1];
            PolyphaseFilter filter = PolyphaseFilter.forRates(from, to);
            double ns = nanosPerOutputSample(from, to);
            System.out.println(String.format(Locale.ROOT, "%6d -> %-6d %5d  %13.1f  %23.3f  %11.1f  %11.4f  %10.3f", from, to,
                    filter.taps(), ns, ns * to / 1e6, worstStopbandDb(from, to), passbandGainDb(from, to),
                    oneShotMillisPerAudioSecond(from, to)));
        }
    }

    private static double nanosPerOutputSample(int from, int to) {
        Random random = new Random(1);
        float[] chunk = new float[from / 50];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (float) random.nextGaussian();
        }
        StreamResampler warm = new StreamResampler(from, to);
        for (int i = 0; i < 3000; i++) {
            warm.process(chunk);
        }
        // thread CPU time, so that other processes on a shared machine do not count
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        StreamResampler stream = new StreamResampler(from, to);
        long outputs = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 3000; i++) {
            outputs += stream.process(chunk).length;
        }
        return (threads.getCurrentThreadCpuTime() - start) / (double) outputs;
    }

    /** Thread CPU ms per audio-second of {@link Resampler#resample} on 10 s signals (the offline path). */
    private static double oneShotMillisPerAudioSecond(int from, int to) {
        Random random = new Random(2);
        float[] signal = new float[from * 10];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < 30; i++) {
            Resampler.resample(signal, from, to);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = 30;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            Resampler.resample(signal, from, to);
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e6 / (rounds * 10.0);
    }

    /** The weakest attenuation over tones from 1.0 to 1.5 times the output Nyquist (downsampling only). */
    private static double worstStopbandDb(int from, int to) {
        if (to >= from) {
            return Double.NaN;
        }
        double worst = Double.MAX_VALUE;
        for (double f = 1.0; f <= 1.5 && f * to / 2 < from / 2.0; f += 0.01) {
            float[] in = Signals.sine(f * to / 2, 1.0, from, from);
            float[] out = Resampler.resample(in, from, to);
            double residual = Signals.rms(out, out.length / 10, out.length * 9 / 10);
            worst = Math.min(worst, -Signals.db(residual / Math.sqrt(0.5)));
        }
        return worst;
    }

    private static double passbandGainDb(int from, int to) {
        double toneHz = Math.min(from, to) / 2.0 * 0.9;
        float[] out = Resampler.resample(Signals.sine(toneHz, 0.5, from, from), from, to);
        return Signals.db(Signals.amplitudeAt(out, out.length / 10, out.length * 9 / 10, toneHz, to) / 0.5);
    }
}
