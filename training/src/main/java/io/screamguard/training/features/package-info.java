/**
 * The {@code features} command: frame-level arrays of one file as JSON (the golden contract), or
 * the summary vector of every audio file of a folder as CSV, extracted on all cores.
 */
package io.screamguard.training.features;
