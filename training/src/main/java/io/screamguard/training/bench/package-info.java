/**
 * JMH benchmarks of the feature path, run from the shaded CLI jar:
 * {@code java -cp training/target/screamguard-cli.jar org.openjdk.jmh.Main StreamingFeaturesBenchmark -f 1 -wi 3 -i 5}.
 */
package io.screamguard.training.bench;
