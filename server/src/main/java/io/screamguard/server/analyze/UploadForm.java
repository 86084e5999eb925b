package io.screamguard.server.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A multipart upload read off the wire: the {@code file} part spooled to a temporary file (deleted by
 * {@link #close()}), and the small form fields.
 *
 * @param file      the spooled file part
 * @param fileName  its client-side name, without control characters, at most
 *                  {@link MultipartForm#MAX_FILE_NAME_CHARS} characters (longer ones are truncated)
 * @param fileBytes its length in bytes
 * @param fields    the other parts by name (first value wins), each at most {@link MultipartForm#MAX_FIELD_BYTES}
 */
record UploadForm(Path file, String fileName, long fileBytes, Map<String, String> fields) implements AutoCloseable {
    UploadForm {
        fields = Map.copyOf(fields);
    }

    /** A form field, or null when absent. */
    String field(String name) {
        return fields.get(name);
    }

    /** Deletes the spooled file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
