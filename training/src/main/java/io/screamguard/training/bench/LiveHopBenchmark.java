package io.screamguard.training.bench;

import io.screamguard.core.audio.PcmEncoding;
import io.screamguard.core.detection.DetectorConfig;
import io.screamguard.core.detection.LiveAnalyzer;
import io.screamguard.core.detection.LiveListener;
import io.screamguard.core.model.ModelLoadException;
import io.screamguard.core.model.ScreamModel;
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
 * Single-threaded cost of one hop of a live stream in core, in microseconds: half a second of
 * 16-bit PCM at {@code rateHz} (the shipped model's hop) pushed into a running {@link LiveAnalyzer}
 * with the shipped model, in five 100 ms frames: PCM decoding, resampling (48 kHz), the streaming
 * features, the flattened forest and the detector, one decided window per operation. The audio is
 * loud enough that the loudness gate lets every window reach the forest. A server with N streams
 * spends N * 2 times this per second.
 * Run: {@code java -cp training/target/screamguard-cli.jar org.openjdk.jmh.Main LiveHopBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LiveHopBenchmark {

    /** Stream rate: already at the analysis rate (16000, browsers that resample) or a microphone's 48000. */
    @Param({"16000", "48000"})
    public int rateHz;

    private LiveAnalyzer live;
    private byte[][] frames;
    private long hops;

    @Setup(Level.Trial)
    public void setUp() throws ModelLoadException {
        ScreamModel model = ScreamModel.loadResource("model");
        double hopSeconds = model.metadata().window().hopSeconds();
        LiveListener counting = hop -> hops++;
        live = new LiveAnalyzer(model, DetectorConfig.fromModel(model.metadata()), PcmEncoding.S16LE, rateHz, 1,
                counting);
        frames = LiveHopCpu.frames(rateHz, hopSeconds);
        // fill the first window so that every measured operation decides exactly one hop
        for (int i = 0; i < Math.ceil(model.metadata().window().windowSeconds() / hopSeconds) + 1; i++) {
            oneHop();
        }
    }

    @Benchmark
    public long oneHop() {
        for (byte[] frame : frames) {
            live.push(frame);
        }
        return hops;
    }
}
