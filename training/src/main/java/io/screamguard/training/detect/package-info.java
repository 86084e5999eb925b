/**
 * The {@code detect} command: the incidents of a (long) recording, found by the same
 * {@link io.screamguard.core.detection.ClipAnalyzer} that serves uploads, with the model's own
 * detector settings; and a timing mode for the analysis of one clip.
 */
package io.screamguard.training.detect;
