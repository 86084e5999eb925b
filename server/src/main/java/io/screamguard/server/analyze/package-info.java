/**
 * {@code POST /api/analyze}: one uploaded recording in, a verdict out. The handler reads the body
 * as it arrives ({@code PacedInputStream}: the idle timeout and minimum rate of a
 * {@link io.screamguard.server.analyze.BodyPace}, and the byte limit), parses its multipart framing
 * in one pass ({@code MultipartForm}) into an {@code UploadForm} whose file part is spooled to a
 * temporary file, and only then takes an analysis slot (MAX_CONCURRENT_UPLOADS).
 * {@link io.screamguard.server.analyze.AnalyzeService} scores the file as a stream, resolves the
 * location and logs one event; errors are thrown typed and mapped to statuses by
 * {@code http.ErrorMapper}.
 */
package io.screamguard.server.analyze;
