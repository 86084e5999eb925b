/**
 * The detector: turns the per-window scream probabilities of a clip or a live stream into
 * decisions and incidents.
 *
 * <p>The flow is the last stretch of the project's data path: audio samples at the model's
 * analysis rate are cut into overlapping windows, each window's summary vector is scored by a
 * {@link io.screamguard.core.model.ScreamClassifier}, and {@link io.screamguard.core.detection.ScreamDetector}
 * applies, in this order,
 * <ol>
 *   <li>a loudness gate: windows whose RMS is below {@code quietRms} are not scored at all and
 *       are counted as quiet;</li>
 *   <li>a threshold on the probability of each loud window ("hot" windows);</li>
 *   <li>a k-of-n debounce: an incident opens when at least k of the last n windows are hot, and
 *       closes when none of the last n windows is hot;</li>
 *   <li>incidents with start, end, peak probability and the number of hot windows.</li>
 * </ol>
 * All timing is audio sample time (samples consumed at the analysis rate), never wall-clock time,
 * so a stream replayed faster than real time yields exactly the incidents of a real-time stream
 * and of the same file uploaded whole.
 *
 * <p>{@link io.screamguard.core.detection.ClipAnalyzer} serves uploads and the command line,
 * {@link io.screamguard.core.detection.LiveAnalyzer} serves live streams; both run the same
 * {@code StreamingFeatureExtractor} and {@code ScreamDetector}, so they agree window for window.
 */
package io.screamguard.core.detection;
