package io.screamguard.training.bench;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.StreamingFeatureExtractor;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-threaded cost of the feature path, in milliseconds:
 * <ul>
 *   <li>{@code streamOneAudioSecond}: one second of audio pushed into a running
 *       {@link StreamingFeatureExtractor} in 100 ms chunks (every STFT frame once, two one-second
 *       windows summarised per second), i.e. ms of CPU per audio-second;</li>
 *   <li>{@code summarizeOneWindow}: one one-second window summarised from scratch by
 *       {@link WindowFeatureExtractor#summarize(float[])}.</li>
 * </ul>
 * {@code config=librosa22050}: 22050 Hz, n_fft 2048, hop 512, 128 mels, 13 MFCC, the full summary
 * (windows of 1 s every 22 hops = 0.511 s); {@code config=analysis}: {@link FeatureConfig#analysis()}
 * with {@link WindowConfig#DEFAULT}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StreamingFeaturesBenchmark {

    /** Which settings to measure: {@code librosa22050} or {@code analysis}. */
    @Param({"librosa22050", "analysis"})
    public String config;

    private StreamingFeatureExtractor stream;
    private WindowFeatureExtractor windows;
    private float[][] chunks;
    private float[] oneSecond;

    /** @return the feature settings of a benchmark configuration name */
    static FeatureConfig features(String config) {
        return config.equals("librosa22050") ? FeatureConfig.librosa(22050) : FeatureConfig.analysis();
    }

    /** @return the window settings of a benchmark configuration name */
    static WindowConfig window(String config) {
        return config.equals("librosa22050") ? new WindowConfig(1.0, 22 * 512 / 22050.0) : WindowConfig.DEFAULT;
    }

    /** Builds one second of scream-like audio and the extractors (not measured). */
    @Setup(Level.Trial)
    public void setUp() {
        FeatureConfig features = features(config);
        WindowConfig window = window(config);
        int rate = features.sampleRate();
        oneSecond = screamLike(rate);
        chunks = new float[10][];
        for (int i = 0; i < 10; i++) {
            chunks[i] = Arrays.copyOfRange(oneSecond, i * rate / 10, (i + 1) * rate / 10);
        }
        stream = new StreamingFeatureExtractor(features, window);
        windows = new WindowFeatureExtractor(features, window);
    }

    /**
     * One audio-second through a running stream, in ten 100 ms chunks.
     *
     * @param sink keeps the summaries alive
     */
    @Benchmark
    public void streamOneAudioSecond(Blackhole sink) {
        for (float[] chunk : chunks) {
            stream.push(chunk, (end, summary, rms) -> sink.consume(summary));
        }
    }

    /** @return the summary of one one-second window computed from scratch */
    @Benchmark
    public float[] summarizeOneWindow() {
        return windows.summarize(oneSecond);
    }

    /** One second of a vibrato harmonic tone with a little noise, at {@code rate} Hz. */
    static float[] screamLike(int rate) {
        Random random = new Random(42);
        float[] s = new float[rate];
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) rate;
            phase += 2 * Math.PI * (900 + 150 * Math.sin(2 * Math.PI * 5.5 * t)) / rate;
            double v = 0;
            for (int h = 1; h <= 6; h++) {
                v += Math.sin(h * phase) / h;
            }
            s[i] = (float) (0.2 * v + 0.01 * random.nextGaussian());
        }
        return s;
    }
}
