/**
 * The {@code screamguard-cli} command line ({@link io.screamguard.training.Cli}) and, in
 * subpackages, its commands: {@code features} (frame-level librosa-compatible arrays and summary
 * vectors of a folder), training and evaluation, and the JMH benchmarks ({@code bench}).
 */
package io.screamguard.training;
