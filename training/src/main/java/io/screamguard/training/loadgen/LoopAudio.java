package io.screamguard.training.loadgen;

import io.screamguard.core.audio.AudioDecodeException;
import io.screamguard.core.audio.AudioDecoder;
import io.screamguard.core.audio.DecodeLimits;
import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.audio.Resampler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Builds the audio loop the streams play: files decoded, resampled and joined as s16le mono. */
final class LoopAudio {

    private LoopAudio() {
    }

    /**
     * Decodes a file, or every file under a directory (recursively, in name order), resamples to
     * {@code sampleRateHz} and joins them until {@code maxSeconds}. Files that do not decode are
     * reported on {@code warnings} and skipped.
     *
     * @param fileOrDir    an audio file or a directory of them
     * @param sampleRateHz rate to send, e.g. 48000
     * @param maxSeconds   cap on the loop's length (bounds memory: 96 kB per second at 48 kHz)
     * @param warnings     where skipped files are reported
     * @return the loop
     * @throws IOException              when the path cannot be listed
     * @throws IllegalArgumentException when no file decodes
     */
    static PcmSource load(Path fileOrDir, int sampleRateHz, double maxSeconds, PrintStream warnings) throws IOException {
        List<Path> files;
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> walk = Files.walk(fileOrDir)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
        } else if (Files.isRegularFile(fileOrDir)) {
            files = List.of(fileOrDir);
        } else {
            throw new IllegalArgumentException("--files must be an audio file or a directory, got " + fileOrDir
                    + " (does not exist)");
        }
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long maxBytes = (long) (maxSeconds * sampleRateHz) * 2;
        int skipped = 0;
        for (Path file : files) {
            if (joined.size() >= maxBytes) {
                break;
            }
            try {
                DecodedAudio audio = decoder.decode(file);
                byte[] s16 = PcmSource.toS16le(Resampler.resample(audio.samples(), audio.sampleRate(), sampleRateHz));
                joined.write(s16, 0, (int) Math.min(s16.length, maxBytes - joined.size()));
            } catch (AudioDecodeException | IOException e) {
                skipped++;
                warnings.println("skipped " + file + ": " + e.getMessage());
            }
        }
        if (joined.size() < 2) {
            throw new IllegalArgumentException("no audio decoded from " + fileOrDir + " (" + files.size()
                    + " files, " + skipped + " skipped): give a WAV/FLAC/MP3/OGG/M4A file or a folder of them");
        }
        return new PcmSource(joined.toByteArray(), sampleRateHz);
    }
}
