package io.screamguard.training.bench;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import io.screamguard.core.model.ModelLoadException;
import io.screamguard.core.model.ScreamModel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded cost of scoring one window's summary vector with the shipped model (the jar's
 * {@code model/}), in microseconds: {@code flatOneWindow} on the flattened forest the server and
 * the CLI use, {@code smileOneWindow} through Smile's own {@code RandomForest.predict} (the path it
 * replaced; the same probability bit for bit). The vectors are the windows of 8 s of synthetic audio,
 * visited in turn so that branch prediction cannot learn one path.
 * Run: {@code java -cp training/target/screamguard-cli.jar org.openjdk.jmh.Main ForestBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ForestBenchmark {

    private ScreamModel model;
    private float[][] windows;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws ModelLoadException {
        model = ScreamModel.loadResource("model");
        FeatureConfig features = model.metadata().featureConfig();
        WindowConfig window = model.metadata().window();
        SplittableRandom random = new SplittableRandom(3);
        float[] audio = new float[features.sampleRate() * 8];
        double phase = 0;
        for (int i = 0; i < audio.length; i++) {
            double t = i / (double) features.sampleRate();
            phase += 2 * Math.PI * (500 + 1500 * Math.abs(Math.sin(t))) / features.sampleRate();
            audio[i] = (float) (0.2 * Math.sin(phase) * (1 + Math.sin(3 * t)) + 0.05 * (2 * random.nextDouble() - 1));
        }
        List<float[]> rows = new WindowFeatureExtractor(features, window).windows(audio);
        windows = rows.toArray(float[][]::new);
    }

    private float[] nextWindow() {
        float[] w = windows[next];
        next = next + 1 == windows.length ? 0 : next + 1;
        return w;
    }

    @Benchmark
    public double flatOneWindow() {
        return model.screamProbability(nextWindow());
    }

    @Benchmark
    public double smileOneWindow() {
        return model.smileProbability(nextWindow());
    }
}
