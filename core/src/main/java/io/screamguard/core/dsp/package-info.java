/**
 * Pure signal-processing maths: the real FFT wrapper (JTransforms is imported only here), the
 * periodic Hann window, short-time framing, the Slaney mel filterbank, the orthonormal DCT-II, the
 * chroma filterbank and librosa's piptrack tuning estimate.
 *
 * <p>Everything here is a static function of arrays and numbers, or a small precomputed object
 * (FFT plan, sparse filterbank) that callers reuse frame after frame. Nothing here knows about
 * files, streams, feature names or models; the {@code features} package composes these into the
 * librosa-compatible frame features and the model's summary vector.
 */
package io.screamguard.core.dsp;
