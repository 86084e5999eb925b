/**
 * Figures per hour: long synthetic streams built from held-out clips (non-screams back to back,
 * screams inserted between them) run through the same {@code ClipAnalyzer} and
 * {@code ScreamDetector} as {@code detect} and the live server, counting false incidents per hour
 * of everyday sound and the screams found with their latency; and the debounce chosen from them.
 */
package io.screamguard.training.streams;
