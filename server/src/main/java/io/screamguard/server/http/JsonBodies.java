package io.screamguard.server.http;

import io.javalin.http.Context;

/** Reads a JSON request body into a record; anything unreadable is a 400 naming the expected shape. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * @param ctx      the request
     * @param type     the record to read (snake_case fields)
     * @param expected an example body for the error message
     */
    public static <T> T read(Context ctx, Class<T> type, String expected) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badRequest("send a JSON body such as " + expected);
        }
        try {
            T value = ctx.jsonMapper().fromJsonString(body, type);
            if (value == null) {
                throw ApiException.badRequest("send a JSON object such as " + expected);
            }
            return value;
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) { // Jackson's checked exceptions arrive unchecked through Javalin's mapper
            String field = field(e);
            throw ApiException.badRequest((field.isEmpty() ? "the body is not the expected JSON" : field + " has the wrong type")
                    + " (" + firstLine(e) + "); send e.g. " + expected);
        }
    }

    /** The JSON field a mapping error is about (e.g. {@code threshold_probability}), or empty. */
    private static String field(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
                return m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(java.util.stream.Collectors.joining("."));
            }
        }
        return "";
    }

    private static String firstLine(Throwable e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
