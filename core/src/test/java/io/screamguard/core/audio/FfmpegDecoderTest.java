package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.screamguard.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ffmpeg fallback's failure modes: damaged input, the duration limit, a hanging process. */
class FfmpegDecoderTest {

    @Test
    void reports_ffmpeg_errors_as_corrupt_with_its_message() {
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, new FfmpegDecoder(SharedData.requireFfmpeg(), 60));
        byte[] damaged = Arrays.copyOf(Fixtures.bytes("tone1k_48000_stereo_opus.webm"), 60);

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(damaged));

        assertTrue(e.kind() == AudioDecodeException.Kind.CORRUPT || e.kind() == AudioDecodeException.Kind.EMPTY,
                e.kind() + ": " + e.getMessage());
        assertEquals("ffmpeg:webm", e.detectedFormat());
    }

    @Test
    void stops_audio_longer_than_the_limit() {
        AudioDecoder decoder = new AudioDecoder(new DecodeLimits(1 << 20, 0.5),
                new FfmpegDecoder(SharedData.requireFfmpeg(), 60));

        AudioDecodeException e = assertThrows(AudioDecodeException.class,
                () -> decoder.decode(Fixtures.bytes("tone1k_22050_mono.aiff")));

        assertEquals(AudioDecodeException.Kind.TOO_LONG, e.kind());
    }

    @Test
    void kills_a_process_that_does_not_finish_in_time(@TempDir Path dir) throws IOException {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "needs a POSIX shell");
        Path hanging = dir.resolve("ffmpeg");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, new FfmpegDecoder(hanging, 1));
        long start = System.nanoTime();

        AudioDecodeException e = assertThrows(AudioDecodeException.class,
                () -> decoder.decode(Fixtures.bytes("tone1k_22050_mono.aiff")));

        assertEquals(AudioDecodeException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("within 1 s"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "took too long");
    }

    @Test
    void explains_an_ffmpeg_that_cannot_be_started(@TempDir Path dir) {
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, new FfmpegDecoder(dir.resolve("no-ffmpeg"), 5));

        AudioDecodeException e = assertThrows(AudioDecodeException.class,
                () -> decoder.decode(Fixtures.bytes("tone1k_22050_mono.aiff")));

        assertEquals(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, e.kind());
        assertTrue(e.getMessage().contains("could not be started"), e.getMessage());
    }
}
