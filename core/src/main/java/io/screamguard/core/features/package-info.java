/**
 * Audio features: librosa-compatible frame features (the parity contract with
 * {@code ../shared/golden}), and the summary vector the model scores, per window of a stream or
 * per clip.
 *
 * <p>Data flow: samples at the analysis rate ({@link io.screamguard.core.features.FeatureConfig})
 * are cut into uncentred STFT frames; {@code FrameAnalyzer} turns each frame once into a small
 * vector of frame features (MFCC, chroma, ZCR, RMS, spectral shape, periodicity, roughness);
 * {@code WindowSummarizer}
 * turns the frames of one window into the summary vector (with the window-level spectral flux,
 * pitch contour and syllable-rate modulation) whose names and order are
 * {@link io.screamguard.core.features.FeatureSchema}. {@link
 * io.screamguard.core.features.WindowFeatureExtractor} (offline) and {@link
 * io.screamguard.core.features.StreamingFeatureExtractor} (live) share that code and give the
 * same numbers. A stream may be told which summary values its classifier reads; it then leaves out
 * the frame features none of them needs (the chroma and the spectral contrast for the shipped
 * model), and those values are NaN. {@link io.screamguard.core.features.FrameFeatureExtractor} is the separate,
 * librosa-exact frame-level path used by the parity tests and {@code features --frames}.
 *
 * <p>Every immutable table of a configuration (window, FFT plans, mel, DCT and chroma weights,
 * contrast bands, summary names) lives in one cached, thread-safe {@code FeaturePlan} shared by all
 * extractors of that configuration; an extractor owns only its buffers (about 48 KB per live
 * stream at the analysis settings).
 */
package io.screamguard.core.features;
