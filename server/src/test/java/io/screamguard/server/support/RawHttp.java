package io.screamguard.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 request written byte by byte on a plain socket, for what no HTTP client will send: a
 * body trickled slowly, stalled, cut short of its Content-Length, or malformed framing. Not
 * thread-safe; one per request.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /**
     * Opens a connection and writes the request line and headers.
     *
     * @param port          the server's port
     * @param method        e.g. POST
     * @param path          e.g. /api/analyze
     * @param cookie        the session cookie, or null
     * @param contentType   the Content-Type, or null
     * @param contentLength the Content-Length, or -1 for none
     */
    public static RawHttp open(int port, String method, String path, String cookie, String contentType,
                               long contentLength) throws IOException {
        RawHttp raw = new RawHttp(new Socket("127.0.0.1", port));
        StringBuilder h = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        if (cookie != null) {
            h.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (contentLength >= 0) {
            h.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        raw.send(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return raw;
    }

    /** Writes bytes of the body now. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes bytes from {@code from} to {@code to} of the body now. */
    public void send(byte[] bytes, int from, int to) throws IOException {
        out.write(bytes, from, to - from);
        out.flush();
    }

    /** Half-closes the connection: the server reads the end of the stream. */
    public void endOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads the whole response (the server closes the connection after it).
     *
     * @param timeoutMillis longest wait
     */
    public Response response(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(all);
        } catch (IOException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headerEnd < 0) {
            throw new IOException("not an HTTP response: '" + text + "'");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String headers = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
        String body = text.substring(headerEnd + 4);
        if (headers.contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Response(status, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A status and body. */
    public record Response(int status, String body) {
    }
}
