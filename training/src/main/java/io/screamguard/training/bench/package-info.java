/**
 * JMH benchmarks of the feature path, run from the shaded CLI jar
 * ({@code java -cp training/target/screamguard-cli.jar org.openjdk.jmh.Main NAME -f 1 -wi 3 -i 5}):
 * {@code StreamingFeaturesBenchmark} (features alone), {@code ResamplingBenchmark} (22050, 44100
 * and 48000 -> 16000 Hz per audio-second), {@code ForestBenchmark} (one window through the shipped
 * model, flattened and through Smile) and {@code LiveHopBenchmark} (one hop of a live stream in
 * core: PCM, resampling, features, forest, detector); {@code LiveHopCpu} times the same hop by the
 * thread's CPU clock (a plain main, for a machine other work keeps busy). docs/benchmarks.md has the figures.
 */
package io.screamguard.training.bench;
