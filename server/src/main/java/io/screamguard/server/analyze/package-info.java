/**
 * {@code POST /api/analyze}: one uploaded recording in, a verdict out. The handler parses the
 * multipart request and enforces the byte limit; {@link io.screamguard.server.analyze.AnalyzeService}
 * scores the clip, resolves the location and logs one event; errors are thrown typed and mapped
 * to statuses by {@code http.ErrorMapper}.
 */
package io.screamguard.server.analyze;
