package io.screamguard.server.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of documents not yet written to MongoDB: one line per document, each
 * append forced to disk before returning. Removing written entries rewrites the remainder to a
 * temporary file that atomically replaces the spool, so a crash leaves either the old or the new
 * file, never a torn one (a replayed entry is harmless: ids are idempotent). A trailing line
 * without newline (torn by a crash mid-append) is moved to the side file and cut off when the
 * spool is opened, so the next append starts on a line of its own. Entries that can never be
 * written (unparseable, or refused by the database) are set aside in the side file
 * ({@code events.bad.jsonl} beside {@code events.jsonl}) for a person to inspect. Thread-safe.
 */
final class EventSpool {
    /** No size limit. */
    static final long NO_LIMIT = Long.MAX_VALUE;
    private final Path file;
    private final Path badFile;
    private final long maxBytes;
    private int depth;

    EventSpool(Path file) {
        this(file, NO_LIMIT);
    }

    /**
     * @param file     the spool file (created with its directory when missing)
     * @param maxBytes appends that would grow the file beyond this fail (a full spool: SPOOL_MAX_BYTES)
     */
    EventSpool(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.badFile = badFileFor(file);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            cutTornTail();
            this.depth = readLines().size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the event spool " + file.toAbsolutePath()
                    + ": " + e.getMessage() + "; check DATA_DIR is writable", e);
        }
    }

    /** The spool file. */
    Path file() {
        return file;
    }

    /** The side file where entries that can never be written are set aside. */
    Path badFile() {
        return badFile;
    }

    /** {@code events.jsonl} -> {@code events.bad.jsonl}; any other name gets {@code .bad} appended. */
    static Path badFileFor(Path file) {
        String name = file.getFileName().toString();
        String bad = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) + ".bad.jsonl"
                : name + ".bad";
        return file.resolveSibling(bad);
    }

    /**
     * Appends one entry (any text; newlines are replaced by spaces) to the side file and forces it
     * to disk. Call before removing the entry from the spool, so a crash in between leaves it in
     * both places rather than in neither.
     */
    synchronized void setAside(String entry) throws IOException {
        appendForced(badFile, entry.replace('\n', ' ').replace('\r', ' '));
    }

    /** Moves a final line without newline (a crash mid-append) to the side file and cuts it off. */
    private void cutTornTail() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep == size) {
                return;
            }
            ByteBuffer tail = ByteBuffer.allocate((int) (size - keep));
            while (tail.hasRemaining() && ch.read(tail, keep + tail.position()) >= 0) {
                // read the torn tail fully
            }
            String torn = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
            if (!torn.isBlank()) {
                appendForced(badFile, torn.replace('\r', ' '));
            }
            ch.truncate(keep);
            ch.force(true);
        }
    }

    private static void appendForced(Path target, String line) throws IOException {
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /**
     * Appends one line and forces it to disk.
     *
     * @throws IOException when the disk refuses it, or it would grow the spool beyond its limit
     */
    synchronized void append(String jsonLine) throws IOException {
        if (jsonLine.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a spool entry must be a single line");
        }
        long size = Files.exists(file) ? Files.size(file) : 0;
        long entry = jsonLine.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (maxBytes != NO_LIMIT && size + entry > maxBytes) {
            throw new IOException("the spool is full: " + size + " bytes + an entry of " + entry
                    + " would exceed SPOOL_MAX_BYTES=" + maxBytes);
        }
        appendForced(file, jsonLine);
        depth++;
    }

    /** Up to {@code max} of the oldest entries, oldest first. */
    synchronized List<String> oldest(int max) throws IOException {
        List<String> all = readLines();
        return new ArrayList<>(all.subList(0, Math.min(max, all.size())));
    }

    /** Removes the {@code count} oldest entries (they were written). */
    synchronized void removeOldest(int count) throws IOException {
        List<String> all = readLines();
        List<String> rest = all.subList(Math.min(count, all.size()), all.size());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String line : rest) {
                ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        depth = rest.size();
    }

    /** Entries waiting to be written. */
    synchronized int depth() {
        return depth;
    }

    private List<String> readLines() throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            String line = text.substring(start, nl);
            if (!line.isBlank()) {
                lines.add(line);
            }
            start = nl + 1;
        }
        return lines;
    }
}
