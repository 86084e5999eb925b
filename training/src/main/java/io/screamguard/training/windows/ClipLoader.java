package io.screamguard.training.windows;

import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.audio.Resampler;
import io.screamguard.training.dataset.Clip;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Decodes clips and resamples them to the analysis rate, on all cores. An unreadable file is a
 * warning and a count, never an abort.
 */
public final class ClipLoader {

    /**
     * The outcome of loading.
     *
     * @param clips    the clips that decoded, in input order
     * @param failures one line per file that did not ("path: reason")
     */
    public record Loaded(List<ClipAudio> clips, List<String> failures) {

        /** Total audio seconds loaded. */
        public double audioSeconds() {
            return clips.stream().mapToDouble(ClipAudio::durationSeconds).sum();
        }
    }

    private ClipLoader() {
    }

    /**
     * Loads every clip.
     *
     * @param clips        the clips
     * @param analysisRate the analysis sample rate in Hz
     * @param showProgress whether to draw a progress bar on stderr
     * @return the decoded clips and the failures
     */
    public static Loaded load(List<Clip> clips, int analysisRate, boolean showProgress) {
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<ClipAudio> loaded;
        try (Progress progress = Progress.of("decode", clips.size(), showProgress)) {
            loaded = clips.parallelStream().map(clip -> {
                try {
                    DecodedAudio audio = decoder.decode(clip.path());
                    float[] samples = Resampler.resample(audio.samples(), audio.sampleRate(), analysisRate);
                    if (samples.length == 0) {
                        failures.add(clip.path() + ": no samples");
                        return null;
                    }
                    return new ClipAudio(clip, samples, analysisRate);
                } catch (AudioDecodeException | IOException | RuntimeException e) {
                    failures.add(clip.path() + ": " + e.getMessage());
                    return null;
                } finally {
                    progress.step();
                }
            }).filter(Objects::nonNull).toList();
        }
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        return new Loaded(loaded, sorted);
    }
}
