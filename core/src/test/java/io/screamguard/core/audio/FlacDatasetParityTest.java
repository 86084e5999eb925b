package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every FLAC file of the shared datasets decodes with the project's decoder to exactly the integer
 * samples jflac (the library it replaced) gives. Skipped without ../shared/datasets, except on CI.
 */
class FlacDatasetParityTest {

    @Test
    void decodes_every_dataset_flac_to_exactly_the_samples_jflac_gives() throws Exception {
        Path datasets = SharedData.assumeDatasets();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(datasets)) {
            files = walk.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".flac")).sorted().toList();
        }
        assertTrue(files.size() > 0, "no FLAC file under " + datasets);
        long samples = 0;
        for (Path file : files) {
            byte[] bytes = FlacSamples.read(file);

            FlacSamples.Pcm ours = FlacSamples.ours(bytes);
            FlacSamples.Pcm reference = FlacSamples.jflac(bytes);

            assertEquals(reference.channels(), ours.channels(), file.toString());
            assertEquals(reference.bitsPerSample(), ours.bitsPerSample(), file.toString());
            assertArrayEquals(reference.samples(), ours.samples(), file.toString());
            samples += ours.samples().length;
        }
        System.out.println("FLAC parity: " + files.size() + " dataset files, " + samples + " samples identical");
    }
}
