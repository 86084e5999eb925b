/**
 * The load generator ({@code screamguard-cli loadgen}): opens N concurrent WebSocket streams to
 * {@code /api/stream} at real-time pace from audio files and measures decision latency (wall time a
 * hop message arrives minus wall time the frame holding the window's last sample was sent), hop
 * messages received against expected, windows the server reports as dropped, and the server
 * process's CPU and resident memory from {@code /proc}.
 *
 * <p>Only the JDK's {@link java.net.http.WebSocket} client is used; loopback addresses only, since
 * this is a benchmark of the machine it runs on, not a tool to load someone else's server.
 */
package io.screamguard.training.loadgen;
