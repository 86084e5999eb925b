package io.screamguard.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches Javalin (a URI with {@code %00} or
 * too long, headers too large, a malformed request line), in the API's JSON shape
 * {@code {"error": code, "detail": sentence}} instead of Jetty's HTML page, with {@code Connection:
 * close}: Jetty closes such a connection, and a client that reused it would lose its next request
 * (seen by the fuzzer as POSTs answered with no bytes after a 400 for {@code %00} or a 414). Installed as the server's error handler by {@code ServerApp}.
 * Thread-safe (stateless).
 */
public final class JsonJettyErrors extends ErrorHandler {

    /** The API code for a status Jetty answers with. */
    static String code(int status) {
        for (ApiError e : ApiError.values()) {
            if (e.status() == status) {
                return e.code();
            }
        }
        return switch (status) {
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? ApiError.INTERNAL.code() : ApiError.BAD_REQUEST.code();
        };
    }

    /** The JSON error body for a status and Jetty's reason. */
    static String body(int status, String reason) {
        String detail = (reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason)
                + ": the request was refused before it reached the API; check its URI and headers";
        return "{\"error\":\"" + code(status) + "\",\"detail\":\"" + escape(detail) + "\"}";
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Content.Sink.write(response, true, body(code, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        fields.put(new HttpField(HttpHeader.CONNECTION, "close"));
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
