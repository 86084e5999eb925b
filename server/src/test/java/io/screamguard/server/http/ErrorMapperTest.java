package io.screamguard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.HttpResponseException;
import io.screamguard.server.scoring.AudioRejected;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
    final ErrorMapper mapper = new ErrorMapper(1000, 600);

    @Test
    void rejected_audio_maps_to_415_413_and_422() {
        assertEquals(415, status(new AudioRejected(AudioRejected.Reason.UNSUPPORTED_FORMAT, "unknown", "x")));
        assertEquals(413, status(new AudioRejected(AudioRejected.Reason.TOO_LARGE, "wav", "x")));
        assertEquals(413, status(new AudioRejected(AudioRejected.Reason.TOO_LONG, "wav", "x")));
        assertEquals(422, status(new AudioRejected(AudioRejected.Reason.CORRUPT, "wav", "x")));
        assertEquals(422, status(new AudioRejected(AudioRejected.Reason.TRUNCATED, "wav", "x")));
        assertEquals(422, status(new AudioRejected(AudioRejected.Reason.EMPTY, "unknown", "x")));
    }

    @Test
    void a_too_long_recording_names_the_duration_limit() {
        ErrorMapper.Mapped m = mapper.map(new AudioRejected(AudioRejected.Reason.TOO_LONG, "wav", "the recording lasts 700 s"));

        assertTrue(m.detail().contains("700 s") && m.detail().contains("600 s") && m.detail().contains("MAX_UPLOAD_SECONDS"),
                m.detail());
    }

    @Test
    void size_limit_exceptions_from_the_multipart_parser_become_our_413() {
        IllegalStateException limit = new IllegalStateException("max file size exceeded: 1000");
        limit.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "org.eclipse.jetty.http.MultiPartFormData$Parser$PartsListener", "onPartContent", "MultiPartFormData.java", 1)});
        ErrorMapper.Mapped m = mapper.map(new RuntimeException(new org.eclipse.jetty.http.BadMessageException(400,
                "bad multipart", new java.util.concurrent.CompletionException(limit))));

        assertEquals(ApiError.PAYLOAD_TOO_LARGE, m.error());
        assertTrue(m.detail().contains("1000 bytes") && m.detail().contains("MAX_UPLOAD_BYTES"), m.detail());
        assertTrue(ErrorMapper.isSizeLimit(new org.eclipse.jetty.http.BadMessageException(413, "too much")));
        assertFalse(ErrorMapper.isSizeLimit(new IllegalStateException("something else")));
    }

    @Test
    void an_unrelated_error_that_mentions_a_size_is_a_500_not_a_413() {
        assertFalse(ErrorMapper.isSizeLimit(new RuntimeException(new IllegalArgumentException("the value is too large"))));
        assertFalse(ErrorMapper.isSizeLimit(new IllegalStateException("max file size exceeded: 5"))); // not thrown by Jetty
        assertFalse(ErrorMapper.isSizeLimit(new org.eclipse.jetty.http.BadMessageException(400, "bad multipart")));
        assertEquals(ApiError.INTERNAL, mapper.map(new IllegalStateException("frame too large for the buffer")).error());
    }

    @Test
    void javalin_status_exceptions_keep_their_status_and_unknown_errors_are_500() {
        assertEquals(404, status(new HttpResponseException(404, "Not found")));
        assertEquals(405, status(new HttpResponseException(405, "nope")));
        assertEquals(500, status(new NullPointerException()));
        assertEquals(400, status(ApiException.badRequest("bad")));
    }

    int status(Throwable e) {
        return mapper.map(e).error().status();
    }
}
