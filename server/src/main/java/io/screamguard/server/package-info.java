/**
 * The ScreamGuard server: {@link io.screamguard.server.Main} reads the configuration and loads the
 * model; {@link io.screamguard.server.ServerApp#create} is the one hand-written composition root
 * (also used by the tests) that wires the features: {@code analyze} (uploads), {@code listen} (live
 * streams), {@code events} (MongoDB log and spool), {@code embedded} (the embedded store),
 * {@code location}, {@code scoring} (the seam to the core pipeline) and {@code http} (errors,
 * health, metrics).
 */
package io.screamguard.server;
