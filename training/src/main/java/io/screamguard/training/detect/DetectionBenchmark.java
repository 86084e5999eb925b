package io.screamguard.training.detect;

import io.screamguard.core.audio.PcmEncoding;
import io.screamguard.core.detection.ClipAnalyzer;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.detection.LiveAnalyzer;
import io.screamguard.core.detection.LiveListener;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.features.WindowFeatureExtractor;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.core.model.ScreamModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

/**
 * Single-threaded cost of the detection path, in milliseconds, with a 100-tree forest trained on
 * synthetic windows (the forest's size, not its accuracy, sets its cost):
 * <ul>
 *   <li>{@code clipTenSeconds}: {@link ClipAnalyzer#analyze(float[], int)} of a 10 s clip at
 *       {@code rateHz} (resampling, windows, features, forest, detector; decoding excluded);</li>
 *   <li>{@code liveOneAudioSecond}: one second of s16le audio at {@code rateHz} pushed into a running
 *       {@link LiveAnalyzer} in 20 ms chunks, i.e. ms of CPU per live stream per audio-second (1000
 *       streams need 1000 times this, in ms of CPU per second).</li>
 * </ul>
 * Run: {@code java -cp training/target/screamguard-cli.jar org.openjdk.jmh.Main DetectionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectionBenchmark {

    /** Input sample rate: a browser microphone (48000), a dataset file (22050), or already at the analysis rate (16000). */
    @Param({"48000", "22050", "16000"})
    public int rateHz;

    private ClipAnalyzer clips;
    private float[] tenSeconds;
    private LiveAnalyzer live;
    private byte[] oneSecondS16;
    private int chunkBytes;
    private long hops;

    /** A tone gliding between 200 and 1000 Hz under a slow envelope, plus seeded noise. */
    static float[] signal(int rateHz, double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[(int) Math.round(rateHz * seconds)];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) rateHz;
            phase += 2 * Math.PI * (600 + 400 * Math.sin(2 * Math.PI * 0.7 * t)) / rateHz;
            out[i] = (float) (0.3 * Math.sin(phase) * (0.5 + 0.5 * Math.sin(2 * Math.PI * 0.2 * t))
                    + 0.05 * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    /** A 100-tree forest on windows of synthetic clips labelled alternately. */
    static ScreamModel syntheticModel() {
        FeatureConfig features = FeatureConfig.analysis();
        WindowConfig window = WindowConfig.DEFAULT;
        WindowFeatureExtractor extractor = new WindowFeatureExtractor(features, window);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int clip = 0; clip < 40; clip++) {
            for (float[] row : extractor.windows(signal(features.sampleRate(), 5, clip))) {
                rows.add(row);
                labels.add(clip % 2);
            }
        }
        FeatureSchema schema = FeatureSchema.current();
        ModelMetadata metadata = new ModelMetadata("benchmark-synthetic", schema.version(), schema.names(), features,
                window, new DetectorSettings(0.003, 2, 3), 0.5, 1, ForestParams.defaults(100, 1), Map.of());
        return ScreamModel.train(rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(),
                ForestParams.defaults(100, 1), metadata);
    }

    @Setup(Level.Trial)
    public void setUp() {
        ScreamModel model = syntheticModel();
        DetectorConfig detector = DetectorConfig.fromModel(model.metadata());
        clips = new ClipAnalyzer(model, detector);
        tenSeconds = signal(rateHz, 10, 99);
        LiveListener counting = hop -> hops++;
        live = new LiveAnalyzer(model, detector, PcmEncoding.S16LE, rateHz, 1, counting);
        float[] second = signal(rateHz, 1, 7);
        oneSecondS16 = new byte[second.length * 2];
        for (int i = 0; i < second.length; i++) {
            int value = Math.round(second[i] * 32767f);
            oneSecondS16[2 * i] = (byte) value;
            oneSecondS16[2 * i + 1] = (byte) (value >> 8);
        }
        chunkBytes = rateHz / 50 * 2;
    }

    @Benchmark
    public Object clipTenSeconds() {
        return clips.analyze(tenSeconds, rateHz);
    }

    @Benchmark
    public long liveOneAudioSecond() {
        for (int offset = 0; offset < oneSecondS16.length; offset += chunkBytes) {
            live.push(oneSecondS16, offset, Math.min(chunkBytes, oneSecondS16.length - offset));
        }
        return hops;
    }
}
