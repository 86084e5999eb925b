package io.screamguard.training.features;

import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.audio.Resampler;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FrameFeatureExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code features --frames [--sample-rate SR] --json FILE}: the librosa-compatible frame arrays of
 * one file as {@code {"sample_rate": SR, "features": {name: [[row][frame]]}}} on stdout.
 * {@code features --dir DIR [--out FILE.csv] [--threads N]}: the summary vector (analysis
 * configuration, each clip summarised as a whole) of every audio file under DIR.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Extract features.",
            "  features --frames --sample-rate SR --json FILE   frame-level arrays (librosa names, centred frames, n_fft 2048, hop 512) as JSON",
            "  features --dir DIR [--out FILE.csv]              summary vector of every audio file under DIR (all cores)"})
public final class FeaturesCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--frames", description = "frame-level arrays of one FILE")
    boolean frames;

    @Option(names = "--json", description = "write JSON (the only format of --frames)")
    boolean json;

    @Option(names = "--sample-rate", paramLabel = "SR", defaultValue = "22050",
            description = "analysis sample rate of --frames in Hz (default ${DEFAULT-VALUE})")
    int sampleRate;

    @Option(names = "--dir", paramLabel = "DIR", description = "summarise every audio file under DIR, recursively")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "CSV output of --dir (default: stdout)")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads of --dir (default: all cores)")
    Integer threads;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the audio file of --frames")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (frames == (dir != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --frames FILE or --dir DIR");
        }
        if (frames) {
            if (file == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--frames needs an audio FILE");
            }
            return frameJson(err);
        }
        if (!Files.isDirectory(dir)) {
            err.println("not a directory: " + dir + " (give a folder of audio files)");
            return 2;
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + workers);
        }
        FolderSummary summary = new FolderFeatureExtractor(workers).extract(dir, err);
        if (out != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
                summary.writeCsv(w);
            }
        } else {
            PrintWriter stdout = spec.commandLine().getOut();
            summary.writeCsv(stdout);
            stdout.flush();
        }
        err.printf(Locale.ROOT, "%d clips, %.1f audio seconds, %.1f CPU seconds, %d skipped%n", summary.rows().size(),
                summary.audioSeconds(), summary.cpuSeconds(), summary.skipped());
        err.flush();
        return 0;
    }

    private int frameJson(PrintWriter err) throws IOException {
        if (!json) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--frames writes JSON only: add --json");
        }
        FeatureConfig config;
        try {
            config = FeatureConfig.librosa(sampleRate);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sample-rate " + sampleRate + ": " + e.getMessage());
        }
        DecodedAudio audio;
        try {
            audio = new AudioDecoder(DecodeLimits.DEFAULT).decode(file);
        } catch (AudioDecodeException e) {
            err.println("cannot decode " + file + ": " + e.getMessage());
            return 1;
        }
        float[] y = Resampler.resample(audio.samples(), audio.sampleRate(), sampleRate);
        FrameJson.write(spec.commandLine().getOut(), sampleRate, new FrameFeatureExtractor(config).extract(y));
        return 0;
    }
}
