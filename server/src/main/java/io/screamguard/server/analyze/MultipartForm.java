package io.screamguard.server.analyze;

import io.screamguard.server.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) in one pass with a fixed 64 KiB buffer: the
 * part named {@code file} goes to a temporary file (at most {@code maxFileBytes}), other parts are
 * kept as short strings, anything else is refused with a typed error naming what is wrong: a 400
 * for a missing or wrong boundary, a body that ends before its closing boundary, a {@code file}
 * part without a filename, a filename with control characters, too many or too large fields; a
 * 413 for a file over the limit. Nothing from the body is ever held whole in memory. One instance
 * per body; not thread-safe.
 */
final class MultipartForm {
    /** Longest stored file name in characters; longer names are truncated (as user agents are). */
    static final int MAX_FILE_NAME_CHARS = io.screamguard.server.events.EventSource.MAX_NAME_CHARS;
    /** Largest non-file part. */
    static final int MAX_FIELD_BYTES = 4096;
    /** Most parts in one body. */
    static final int MAX_PARTS = 32;
    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_PREAMBLE_BYTES = 8192;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final String FILE_PART = "file";
    /** Name prefix of the spooled files (a leftover from a killed process is deleted at the next start). */
    static final String SPOOL_PREFIX = "upload-";

    private final InputStream in;
    private final byte[] delimiter;
    private final String boundary;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int start;
    private int end;
    private boolean eof;

    private MultipartForm(InputStream in, String boundary) {
        this.in = in;
        this.boundary = boundary;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // the first delimiter may open the body without a CRLF before it
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /**
     * The boundary parameter of a multipart/form-data Content-Type.
     *
     * @throws ApiException 400 when the type is not multipart/form-data or has no valid boundary
     */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("send the recording as multipart/form-data with a part named 'file', got"
                    + " Content-Type " + (contentType == null ? "none" : "'" + printable(contentType, 100) + "'"));
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (b.isEmpty() || b.length() > 70 || !b.chars().allMatch(c -> c > 32 && c < 127)) {
                    throw ApiException.badRequest("the multipart boundary must be 1 to 70 printable characters, got '"
                            + printable(b, 80) + "'");
                }
                return b;
            }
        }
        throw ApiException.badRequest("the multipart/form-data Content-Type has no boundary parameter"
                + " (e.g. multipart/form-data; boundary=xyz): let the HTTP client build the form");
    }

    /**
     * Reads the whole form.
     *
     * @param body         the body (paced, capped)
     * @param boundary     from {@link #boundary(String)}
     * @param maxFileBytes MAX_UPLOAD_BYTES
     * @param tooLarge     the 413 detail naming the limit
     * @param spoolDir     where the file part is written
     * @return the form; the caller closes it (deletes the spooled file)
     * @throws ApiException 400 / 408 / 413 as described on the class
     * @throws IOException  when the spool file cannot be written
     */
    static UploadForm read(InputStream body, String boundary, long maxFileBytes, String tooLarge, Path spoolDir)
            throws IOException {
        return new MultipartForm(body, boundary).readAll(maxFileBytes, tooLarge, spoolDir);
    }

    private UploadForm readAll(long maxFileBytes, String tooLarge, Path spoolDir) throws IOException {
        if (!skipTo(MAX_PREAMBLE_BYTES)) {
            throw ApiException.badRequest("the body does not start with the boundary '" + printable(boundary, 80)
                    + "' its Content-Type declares: the body is not the multipart form it claims to be");
        }
        Map<String, String> fields = new HashMap<>();
        Path file = null;
        String fileName = null;
        long fileBytes = 0;
        try {
            for (int parts = 0; ; parts++) {
                if (afterDelimiterIsEnd()) {
                    break;
                }
                if (parts == MAX_PARTS) {
                    throw ApiException.badRequest("the form has more than " + MAX_PARTS + " parts");
                }
                PartHeaders h = readHeaders();
                if (FILE_PART.equals(h.name)) {
                    if (file != null) {
                        throw ApiException.badRequest("the form has more than one part named 'file': send one recording");
                    }
                    if (h.fileName == null) {
                        throw ApiException.badRequest("the part 'file' has no filename: send the recording as a file"
                                + " (Content-Disposition: form-data; name=\"file\"; filename=\"recording.wav\")");
                    }
                    fileName = h.fileName;
                    file = Files.createTempFile(spoolDir, SPOOL_PREFIX, ".audio");
                    try (OutputStream out = Files.newOutputStream(file)) {
                        fileBytes = copyPart(out, maxFileBytes, "file");
                    } catch (PartTooLong e) {
                        throw ApiException.tooLarge(tooLarge);
                    }
                } else {
                    CappedBuffer value = new CappedBuffer();
                    try {
                        copyPart(value, h.fileName != null ? Long.MAX_VALUE : MAX_FIELD_BYTES, h.name);
                    } catch (PartTooLong e) {
                        throw ApiException.badRequest("the form field '" + printable(h.name, 40) + "' is longer than "
                                + MAX_FIELD_BYTES + " bytes");
                    }
                    if (h.fileName == null) {
                        fields.putIfAbsent(h.name, value.text());
                    }
                }
            }
        } catch (RuntimeException | IOException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        if (file == null) {
            throw ApiException.badRequest("the multipart part 'file' is missing; attach the recording as 'file'");
        }
        return new UploadForm(file, fileName, fileBytes, fields);
    }

    /** Consumes bytes up to and including the first delimiter; false when it is not within {@code limit} bytes. */
    private boolean skipTo(int limit) throws IOException {
        int skipped = 0;
        while (true) {
            int at = indexOfDelimiter();
            if (at >= 0) {
                start = at + delimiter.length;
                return true;
            }
            int safe = Math.max(start, end - delimiter.length + 1);
            skipped += safe - start;
            start = safe;
            if (skipped > limit || !fill()) {
                return false;
            }
        }
    }

    /** After a delimiter: "--" closes the body, otherwise optional blanks and CRLF open a part. */
    private boolean afterDelimiterIsEnd() throws IOException {
        need(2, "after a boundary");
        if (buf[start] == '-' && buf[start + 1] == '-') {
            start += 2;
            return true;
        }
        while (true) {
            need(2, "after a boundary");
            if (buf[start] == ' ' || buf[start] == '\t') {
                start++;
            } else if (buf[start] == '\r' && buf[start + 1] == '\n') {
                start += 2;
                return false;
            } else {
                throw ApiException.badRequest("a multipart boundary is followed by '" + printable(
                        new String(buf, start, 1, StandardCharsets.ISO_8859_1), 4) + "' instead of a line break");
            }
        }
    }

    private record PartHeaders(String name, String fileName) {
    }

    private PartHeaders readHeaders() throws IOException {
        String name = null;
        String fileName = null;
        int total = 0;
        while (true) {
            String line = readLine(MAX_HEADER_BYTES - total);
            total += line.length() + 2;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw ApiException.badRequest("a multipart part has a malformed header line '" + printable(line, 80) + "'");
            }
            if (line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                String value = line.substring(colon + 1);
                name = parameter(value, "name");
                fileName = parameter(value, "filename");
            }
        }
        if (name == null) {
            throw ApiException.badRequest("a multipart part has no Content-Disposition name");
        }
        if (fileName != null) {
            if (fileName.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw ApiException.badRequest("the file name '" + printable(fileName, 80) + "' contains control"
                        + " characters: rename the file");
            }
            fileName = io.screamguard.server.events.DeviceInfo.truncate(fileName, MAX_FILE_NAME_CHARS);
        }
        return new PartHeaders(name, fileName);
    }

    /** A parameter of a Content-Disposition value, quoted or not; null when absent. */
    static String parameter(String header, String key) {
        int i = 0;
        int n = header.length();
        while (i < n) {
            int semi = nextSemicolon(header, i);
            String p = header.substring(i, semi).trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(key)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
                }
                return v;
            }
            i = semi + 1;
        }
        return null;
    }

    private static int nextSemicolon(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return s.length();
    }

    /** A header line (UTF-8, as browsers send file names) without its CRLF. */
    private String readLine(int limit) throws IOException {
        while (true) {
            for (int i = start; i + 1 < end; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    start = i + 2;
                    return line;
                }
            }
            if (end - start > limit) {
                throw ApiException.badRequest("a multipart part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (!fill()) {
                throw endedEarly("inside a part's headers");
            }
        }
    }

    /** Copies a part's content up to the next delimiter; {@link PartTooLong} past {@code limit} bytes. */
    private long copyPart(OutputStream out, long limit, String part) throws IOException {
        long copied = 0;
        while (true) {
            int at = indexOfDelimiter();
            int until = at >= 0 ? at : Math.max(start, end - delimiter.length + 1);
            copied += until - start;
            if (copied > limit) {
                throw new PartTooLong();
            }
            out.write(buf, start, until - start);
            if (at >= 0) {
                start = at + delimiter.length;
                return copied;
            }
            start = until;
            if (!fill()) {
                throw endedEarly("inside the part '" + printable(part, 40) + "' (after " + copied + " bytes of it)");
            }
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        outer:
        for (int i = start; i <= end - delimiter.length; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Makes {@code n} bytes available from {@code start}. */
    private void need(int n, String where) throws IOException {
        while (end - start < n) {
            if (!fill()) {
                throw endedEarly(where);
            }
        }
    }

    /** Reads more bytes after compacting; false at the end of the body. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            return true;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n == -1) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    private ApiException endedEarly(String where) {
        return ApiException.badRequest("the multipart body ends " + where + " without its closing boundary '--"
                + printable(boundary, 80) + "--': the upload was cut off, send the whole form");
    }

    /** Thrown when a part exceeds its limit. */
    private static final class PartTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PartTooLong() {
            super(null, null, false, false);
        }
    }

    /** A small field's bytes. */
    private static final class CappedBuffer extends java.io.ByteArrayOutputStream {
        @Override
        public void write(byte[] b, int off, int len) {
            if (count <= MAX_FIELD_BYTES) {
                super.write(b, off, Math.min(len, MAX_FIELD_BYTES + 1 - count));
            }
        }

        String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    /** For error details: control characters shown as '?', at most {@code max} characters. */
    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return s.length() > max ? b + "…" : b.toString();
    }
}
