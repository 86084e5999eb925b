package io.screamguard.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSpoolTest {
    @TempDir
    Path dir;

    @Test
    void appended_entries_survive_a_reopen_in_order() throws Exception {
        Path file = dir.resolve("spool/events.jsonl");
        EventSpool spool = new EventSpool(file);
        spool.append("{\"a\":1}");
        spool.append("{\"b\":2}");

        EventSpool reopened = new EventSpool(file);

        assertEquals(2, reopened.depth());
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), reopened.oldest(10));
    }

    @Test
    void removing_the_oldest_keeps_the_rest_and_entries_appended_meanwhile() throws Exception {
        EventSpool spool = new EventSpool(dir.resolve("events.jsonl"));
        spool.append("1");
        spool.append("2");
        List<String> batch = spool.oldest(2);
        spool.append("3");

        spool.removeOldest(batch.size());

        assertEquals(1, spool.depth());
        assertEquals(List.of("3"), spool.oldest(10));
        assertEquals(1, new EventSpool(dir.resolve("events.jsonl")).depth());
    }

    @Test
    void a_line_torn_by_a_crash_mid_append_is_ignored() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"whole\":1}\n{\"torn", StandardCharsets.UTF_8, StandardOpenOption.CREATE);

        EventSpool spool = new EventSpool(file);

        assertEquals(List.of("{\"whole\":1}"), spool.oldest(10));
    }

    @Test
    void a_torn_last_line_is_cut_off_on_open_so_the_next_append_starts_a_line_of_its_own() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"whole\":1}\n{\"torn", StandardCharsets.UTF_8, StandardOpenOption.CREATE);

        EventSpool spool = new EventSpool(file);
        spool.append("{\"next\":2}");

        assertEquals(List.of("{\"whole\":1}", "{\"next\":2}"), new EventSpool(file).oldest(10));
        assertEquals("{\"whole\":1}\n{\"next\":2}\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("{\"torn\n", Files.readString(dir.resolve("events.bad.jsonl"), StandardCharsets.UTF_8));
    }

    @Test
    void an_entry_set_aside_goes_to_the_bad_side_file() throws Exception {
        EventSpool spool = new EventSpool(dir.resolve("events.jsonl"));

        spool.setAside("{oops");

        assertEquals(dir.resolve("events.bad.jsonl"), spool.badFile());
        assertEquals(List.of("{oops"), Files.readAllLines(spool.badFile(), StandardCharsets.UTF_8));
        assertEquals(0, spool.depth());
    }

    @Test
    void an_entry_must_be_one_line() {
        EventSpool spool = new EventSpool(dir.resolve("events.jsonl"));

        assertThrows(IllegalArgumentException.class, () -> spool.append("a\nb"));
    }

    @Test
    void an_append_that_would_grow_the_spool_beyond_its_limit_is_refused_naming_the_limit_and_keeps_the_file() throws Exception {
        EventSpool spool = new EventSpool(dir.resolve("events.jsonl"), 10);
        spool.append("12345678"); // 9 bytes with its newline

        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> spool.append("a"));

        assertTrue(e.getMessage().contains("SPOOL_MAX_BYTES=10"), e.getMessage());
        assertEquals(1, spool.depth());
        assertEquals(List.of("12345678"), spool.oldest(10));
    }
}
