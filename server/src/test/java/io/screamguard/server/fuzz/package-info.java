/**
 * Fuzzing the running server: {@link io.screamguard.server.fuzz.Fuzzer} makes seeded random and
 * mutated requests (multipart uploads, JSON bodies, query parameters, WebSocket hellos and frames);
 * {@code FuzzTest} runs a few hundred against the in-process app in the suite, and
 * {@link io.screamguard.server.fuzz.FuzzMain} is the command that runs any number against a
 * running server and prints the status counts (docs/benchmarks.md, "Fuzzing").
 */
package io.screamguard.server.fuzz;
