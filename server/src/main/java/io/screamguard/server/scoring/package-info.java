/**
 * The seam between the server and the core pipeline: {@link io.screamguard.server.scoring.Scoring}
 * scores a whole clip or opens a live stream scorer, in server-side types only. The production
 * implementation adapts the core ({@code AudioDecoder}, {@code ClipAnalyzer},
 * {@code LiveAnalyzer}); tests can substitute a fake with a known answer.
 */
package io.screamguard.server.scoring;
