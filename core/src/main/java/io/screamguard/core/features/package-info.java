/**
 * Audio features: librosa-compatible frame features (the parity contract with
 * {@code ../shared/golden}), and the summary vector the model scores, per window of a stream or
 * per clip.
 *
 * <p>Data flow: samples at the analysis rate ({@link io.screamguard.core.features.FeatureConfig})
 * are cut into uncentred STFT frames; {@code FrameAnalyzer} turns each frame once into a small
 * vector of frame features (MFCC, chroma, ZCR, RMS, spectral shape); {@code WindowSummarizer}
 * turns the frames of one window into the summary vector whose names and order are
 * {@link io.screamguard.core.features.FeatureSchema}. {@link
 * io.screamguard.core.features.WindowFeatureExtractor} (offline) and {@link
 * io.screamguard.core.features.StreamingFeatureExtractor} (live) share that code and give the
 * same numbers. {@link io.screamguard.core.features.FrameFeatureExtractor} is the separate,
 * librosa-exact frame-level path used by the parity tests and {@code features --frames}.
 */
package io.screamguard.core.features;
