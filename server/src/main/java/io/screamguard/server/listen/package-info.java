/**
 * Live microphone streams over the {@code /api/stream} WebSocket.
 *
 * <p>Protocol: the client sends a JSON hello {@code {"sampleRate", "encoding": "s16le"|"f32le",
 * "channels"}}, then binary PCM frames; the server answers {@code {"type":"ready",...}}, one
 * {@code {"type":"hop","t","probability","rms","state","dropped_windows"}} per hop, and
 * {@code {"type":"incident","phase":"started",...}} when the debounce confirms an incident and
 * {@code {"type":"incident","phase":"ended",...,"event_id"}} when it ends; the client may send
 * {@code {"type":"location","latitude","longitude","accuracy"}} at any time.
 *
 * <p>Bounded work: Jetty's I/O threads only validate and enqueue frames. Each stream's backlog is
 * bounded to STREAM_QUEUE_SECONDS of audio; a shared pool of STREAM_WORKERS threads scores the
 * queues, each stream on at most one worker at a time. Queued chunks hold whole sample frames
 * (a frame split across messages is completed first). When a message would overflow the backlog
 * (the client sends faster than the server scores), the whole backlog is dropped at once (its
 * memory freed) and the new, freshest audio kept: live decisions stay current rather than
 * falling further behind, and the kept audio comes in contiguous runs of up to
 * STREAM_QUEUE_SECONDS, so windows are still scored. Dropped audio is counted in
 * {@code screamguard_dropped_windows_total} and in every later hop message
 * ({@code dropped_windows}); the scorer skips the dropped frames, so {@code t} stays stream time.
 * Memory per stream stays within the bound plus one message. A malformed hello or frame closes
 * that socket only: 1008
 * (policy violation) for protocol errors, 1003 (unsupported data) for audio that is not valid PCM,
 * 1013 when MAX_STREAMS are open.
 *
 * <p>{@link io.screamguard.server.listen.StreamHub} and the sessions know nothing of Javalin;
 * {@link io.screamguard.server.listen.StreamHandler} adapts Javalin's WebSocket callbacks.
 */
package io.screamguard.server.listen;
