package io.screamguard.training.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetScannerTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3});
        return file;
    }

    @Test
    void reads_the_source_layout_with_groups_and_licences() throws Exception {
        touch("src-a/scream/game1/a.flac");
        touch("src-a/non_scream/game2/b.flac");
        touch("src-b/non_scream/speech__x__p01of02.flac");
        touch("src-b/non_scream/speech__x__p02of02.flac");
        touch("src-b/scream/.hidden");
        Files.writeString(dir.resolve("src-b/manifest.csv"),
                "file,license\nnon_scream/a.flac,\"CC BY, 4.0\"\nnon_scream/b.flac,\"CC BY, 4.0\"\n");

        Dataset data = DatasetScanner.scan(List.of(dir));

        assertEquals(4, data.clips().size());
        assertEquals(List.of("src-a", "src-b"), data.sources());
        assertEquals(1, data.screamCount());
        Clip scream = data.clips().stream().filter(Clip::isScream).findFirst().orElseThrow();
        assertEquals("game1", scream.group());
        assertEquals(1, data.clips().stream().filter(c -> c.source().equals("src-b")).map(Clip::group).distinct().count());
        assertEquals(2, data.licences().get("src-b").get("CC BY, 4.0"));
    }

    @Test
    void a_plain_class_folder_is_one_source() throws Exception {
        touch("scream/x.wav");
        touch("non_scream/y.wav");

        Dataset data = DatasetScanner.scan(List.of(dir));

        assertEquals(List.of(dir.getFileName().toString()), data.sources());
        assertEquals(2, data.clips().size());
    }

    @Test
    void a_missing_or_empty_folder_is_a_clear_error() throws Exception {
        DatasetException missing = assertThrows(DatasetException.class,
                () -> DatasetScanner.scan(List.of(dir.resolve("nope"))));
        DatasetException empty = assertThrows(DatasetException.class, () -> DatasetScanner.scan(List.of(dir)));
        Files.createDirectories(dir.resolve("scream"));
        DatasetException noFiles = assertThrows(DatasetException.class, () -> DatasetScanner.scan(List.of(dir)));

        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        assertTrue(empty.getMessage().contains("no scream/ or non_scream/"), empty.getMessage());
        assertTrue(noFiles.getMessage().contains("no files found"), noFiles.getMessage());
    }

    @Test
    void takes_each_clips_subtype_from_the_manifest_and_the_class_folder_otherwise() throws Exception {
        touch("src/scream/f/a.ogg");
        touch("src/non_scream/spk1/b.mp3");
        touch("src/non_scream/spk1/c.mp3");
        touch("plain/non_scream/d.wav");
        Files.writeString(dir.resolve("src/manifest.csv"), "file,cls,subtype,group,license\n"
                + "scream/f/a.ogg,scream,female_scream,f,CC0\nnon_scream/spk1/b.mp3,non_scream,amusement,spk1,CC0\n");

        Dataset data = DatasetScanner.scan(List.of(dir));

        java.util.Map<String, String> subtypes = new java.util.TreeMap<>();
        data.clips().forEach(c -> subtypes.put(c.path().getFileName().toString(), c.subtype()));
        assertEquals(java.util.Map.of("a.ogg", "female_scream", "b.mp3", "amusement", "c.mp3", "non_scream",
                "d.wav", "non_scream"), subtypes);
        Clip laugh = data.clips().stream().filter(c -> c.subtype().equals("amusement")).findFirst().orElseThrow();
        assertEquals("src/amusement", laugh.stratum());
        assertEquals("spk1", laugh.group());
    }
}
