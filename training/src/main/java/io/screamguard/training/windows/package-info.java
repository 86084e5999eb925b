/**
 * Clips as the model sees them: decoded, resampled to the analysis rate, cut into windows with a
 * summary vector and an RMS each, extracted on all cores.
 */
package io.screamguard.training.windows;
