package io.screamguard.training.bench;

import io.screamguard.core.audio.Resampler;
import io.screamguard.core.audio.StreamResampler;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-threaded cost of resampling to the analysis rate (16 kHz), in milliseconds per second of
 * input audio:
 * <ul>
 *   <li>{@code oneShotPerAudioSecond}: {@link Resampler#resample} of a 10 s signal (an upload or a
 *       dataset clip; the cost divided by 10);</li>
 *   <li>{@code streamPerAudioSecond}: one second fed to a running {@link StreamResampler} in 20 ms
 *       chunks (a live stream at {@code fromHz}).</li>
 * </ul>
 * Run: {@code java -cp training/target/screamguard-cli.jar org.openjdk.jmh.Main ResamplingBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ResamplingBenchmark {

    /** The analysis rate every input is resampled to. */
    static final int ANALYSIS_RATE_HZ = 16000;

    /** Input rate: dataset clips (22050), CD-rate files (44100), browser microphones (48000). */
    @Param({"22050", "44100", "48000"})
    public int fromHz;

    private float[] tenSeconds;
    private float[][] chunks;
    private StreamResampler stream;

    /** Seeded noise under a gliding tone: the resampler's cost does not depend on the signal. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(5);
        tenSeconds = new float[fromHz * 10];
        for (int i = 0; i < tenSeconds.length; i++) {
            tenSeconds[i] = (float) (0.3 * Math.sin(2 * Math.PI * (300 + i % fromHz / 20.0) * i / fromHz)
                    + 0.05 * (2 * random.nextDouble() - 1));
        }
        int chunk = fromHz / 50;
        chunks = new float[50][];
        for (int i = 0; i < 50; i++) {
            chunks[i] = Arrays.copyOfRange(tenSeconds, i * chunk, (i + 1) * chunk);
        }
        stream = new StreamResampler(fromHz, ANALYSIS_RATE_HZ);
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public float[] oneShotPerAudioSecond() {
        return Resampler.resample(tenSeconds, fromHz, ANALYSIS_RATE_HZ);
    }

    @Benchmark
    public void streamPerAudioSecond(Blackhole sink) {
        for (float[] chunk : chunks) {
            sink.consume(stream.process(chunk));
        }
    }
}
