/**
 * Live microphone streams over the {@code /api/stream} WebSocket.
 *
 * <p>Protocol: the client sends a JSON hello {@code {"sampleRate", "encoding": "s16le"|"f32le",
 * "channels"}}, then binary PCM frames; the server answers {@code {"type":"ready",...}}, one
 * {@code {"type":"hop","t","probability","rms","state","dropped_windows","threshold"}} per hop
 * (written by {@link io.screamguard.server.listen.HopMessage}), and
 * {@code {"type":"incident","phase":"started",...}} when the debounce confirms an incident and
 * {@code {"type":"incident","phase":"ended",...,"event_id"}} when it ends; the client may send
 * {@code {"type":"location","latitude","longitude","accuracy"}} at any time.
 *
 * <p>Bounded and fair work: Jetty's I/O threads only validate and buffer a stream's bytes
 * ({@link io.screamguard.server.listen.PcmBuffer}: a sample split across messages is completed by
 * the next); a shared pool of STREAM_WORKERS threads scores ONE hop of a stream per turn and then
 * serves the next stream with audio waiting (round robin), so a client sending faster than real
 * time cannot take the workers from paced streams. A stream's buffer is bounded to
 * STREAM_QUEUE_SECONDS of audio (at least one window plus one hop: a smaller value is refused at
 * start). Beyond it a client ahead of real time (a fast replay) is slowed by not reading its
 * socket, for at most STREAM_QUEUE_SECONDS and by at most 16 I/O threads at once, so an idle
 * server scores all of a fast replay; a real-time client is never made to wait. When the oldest
 * buffered audio has waited longer than STREAM_QUEUE_SECONDS (the server is behind real time), or
 * a client may not wait, whole hops of the oldest audio are dropped (in one run, down to the newest
 * hop, so a whole window can be scored before the next drop): the scorer skips them, so
 * {@code t} stays on the hop grid and in stream time. {@code dropped_windows} counts the grid
 * windows not scored (gaps in {@code t}), incremented together with
 * {@code screamguard_dropped_windows_total} when the next hop message is made.
 *
 * <p>Idle sockets do not keep their MAX_STREAMS slot: no valid hello within
 * STREAM_HELLO_TIMEOUT_SECONDS, or no audio for STREAM_IDLE_TIMEOUT_SECONDS, closes them with 1008.
 * On a graceful stop every stream is closed with 1001 "server shutting down".
 *
 * <p>A malformed hello or frame closes that socket only: 1008 (policy violation) for protocol errors, 1003 (unsupported data) for audio that is not valid PCM,
 * 1013 when MAX_STREAMS are open.
 *
 * <p>A signed-in stream also keeps its last 15 s of audio at 16 kHz ({@link io.screamguard.server.listen.ClipRecorder},
 * in a {@link io.screamguard.server.listen.ClipRing} of 4-bit block floating point, 135 KB) and hands the clip from 10 s before a confirmed incident to 10 s after it to the alerting,
 * which stores it; nothing else of a stream is kept.
 *
 * <p>{@link io.screamguard.server.listen.StreamHub} and the sessions know nothing of Javalin;
 * {@link io.screamguard.server.listen.StreamHandler} adapts Javalin's WebSocket callbacks.
 */
package io.screamguard.server.listen;
