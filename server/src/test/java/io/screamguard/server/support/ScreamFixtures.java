package io.screamguard.server.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.audio.Resampler;
import io.screamguard.server.scoring.AudioRejected;
import io.screamguard.server.scoring.ClipScore;
import io.screamguard.server.scoring.Scoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fake-microphone recordings made at test time from real clips of {@code ../shared/datasets}
 * (never committed): a scream the given scorer (the shipped model) detects, and a non-scream it
 * does not, each padded with quiet and written as a 48 kHz mono 16-bit WAV (a microphone's rate).
 * The clip is the first, by file name, whose padded recording gives the wanted answer, so the
 * choice is deterministic for a given model. Skips the test when the datasets are absent, except
 * with {@code CI=true}, where that is a failure.
 */
public final class ScreamFixtures {
    /** The rate of the written WAVs. */
    public static final int RATE = 48000;
    /** The source of the candidate clips (recorded human screams vs read speech and street sounds). */
    static final String SOURCE = "scream-detector-project";

    private ScreamFixtures() {
    }

    /** A recording chosen for the answer it gives. */
    public record Fixture(Path wav, String clip, double durationSeconds, ClipScore score) {
    }

    /** The datasets directory ({@code screamguard.shared} or ../shared), or a skip / CI failure. */
    public static Path datasets() {
        String property = System.getProperty("screamguard.shared");
        Path shared = property != null && !property.isBlank() ? Path.of(property) : Path.of("..", "..", "shared");
        Path dir = shared.resolve("datasets").resolve(SOURCE).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            String message = "this test needs the datasets at " + dir;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true, so absence is a failure)");
            }
            assumeTrue(false, message + "; skipped");
        }
        return dir;
    }

    /**
     * The first scream clip whose recording (1 s of quiet, the clip's first {@code maxClipSeconds},
     * {@code quietAfterSeconds} of quiet) the scorer finds an incident in with a peak of at least
     * {@code minPeak}, also when the clip starts 1/8, 1/4 or 3/8 s later, written under {@code dir}.
     */
    public static Fixture scream(Scoring scoring, Path dir, double maxClipSeconds, double quietAfterSeconds, double minPeak)
            throws IOException {
        for (Path clip : clips("scream")) {
            if (!detectedAtEveryPhase(scoring, clip, dir, maxClipSeconds, quietAfterSeconds)) {
                continue;
            }
            Fixture f = padded(scoring, clip, dir, "scream", 1.0, maxClipSeconds, quietAfterSeconds);
            if (f != null && f.score().scream() && f.score().peakProbability() >= minPeak) {
                return f;
            }
        }
        throw new IllegalStateException("no scream clip of " + SOURCE + " gives an incident with the model "
                + scoring.model().version());
    }

    /**
     * Whether the clip gives an incident wherever the hops fall on it (the looped microphone meets
     * the windows at another offset on every pass): leading quiet of 1 s plus 0, 1/8, 1/4 and 3/8 s.
     */
    private static boolean detectedAtEveryPhase(Scoring scoring, Path clip, Path dir, double maxClipSeconds,
                                                double quietAfterSeconds) throws IOException {
        for (double lead : new double[] {1.125, 1.25, 1.375}) {
            Fixture f = padded(scoring, clip, dir, "phase", lead, maxClipSeconds, quietAfterSeconds);
            if (f == null || !f.score().scream()) {
                return false;
            }
        }
        return true;
    }

    /** The first non-scream clip whose padded recording stays below {@code maxPeak} everywhere. */
    public static Fixture nonScream(Scoring scoring, Path dir, double maxClipSeconds, double maxPeak) throws IOException {
        for (Path clip : clips("non_scream")) {
            Fixture f = padded(scoring, clip, dir, "non-scream", 1.0, maxClipSeconds, 1.0);
            if (f != null && !f.score().scream() && f.score().peakProbability() <= maxPeak
                    && f.score().timeline().stream().filter(w -> !w.quiet()).count() >= 3) {
                return f;
            }
        }
        throw new IllegalStateException("no non-scream clip of " + SOURCE + " stays below " + maxPeak);
    }

    private static List<Path> clips(String kind) throws IOException {
        try (Stream<Path> files = Files.list(datasets().resolve(kind))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".flac")).sorted().toList();
        }
    }

    private static Fixture padded(Scoring scoring, Path clip, Path dir, String name, double quietBeforeSeconds,
                                  double maxClipSeconds, double quietAfterSeconds) throws IOException {
        DecodedAudio audio;
        try {
            audio = new AudioDecoder(DecodeLimits.DEFAULT).decode(clip);
        } catch (AudioDecodeException e) {
            return null;
        }
        float[] resampled = Resampler.resample(audio.samples(), audio.sampleRate(), RATE);
        float[] body = java.util.Arrays.copyOf(resampled, (int) Math.min(resampled.length, maxClipSeconds * RATE));
        float[] samples = TestAudio.concat(TestAudio.noise(RATE, quietBeforeSeconds, 0.002, 1), body,
                TestAudio.noise(RATE, quietAfterSeconds, 0.002, 2));
        byte[] wav = TestAudio.wav(samples, RATE);
        ClipScore score;
        try {
            score = scoring.scoreClip(wav);
        } catch (AudioRejected e) {
            return null;
        }
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".wav");
        Files.write(out, wav);
        return new Fixture(out, clip.getFileName().toString(), samples.length / (double) RATE, score);
    }
}
