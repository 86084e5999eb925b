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
 * <p>Bounded work: Jetty's I/O threads only validate and enqueue frames; a shared pool of
 * STREAM_WORKERS threads scores the queues, each stream on at most one worker at a time. Queued chunks hold whole sample frames
 * (a frame split across messages is completed first). A stream's backlog is bounded to
 * STREAM_QUEUE_SECONDS of audio (at least one window plus one hop: a smaller value is refused at start), and its oldest queued audio
 * may wait at most as long in wall time (with many streams the workers can fall behind before any
 * single backlog is full). When a message would overflow either bound (the client sends faster
 * than the server scores), the stream sheds: incoming audio is dropped
 * until the backlog has been scored, then a new contiguous run is accepted. Every accepted run is
 * scored whole, so an overloaded stream still gets decisions (on runs of fresh audio) instead of
 * none; the scorer skips the dropped frames, so {@code t} stays stream time. Dropped audio is
 * counted in {@code screamguard_dropped_windows_total} and in every later hop message
 * ({@code dropped_windows}). Memory per stream stays within the bound plus one message.
 *
 * <p>A malformed hello or frame closes that socket only: 1008 (policy violation) for protocol errors, 1003 (unsupported data) for audio that is not valid PCM,
 * 1013 when MAX_STREAMS are open.
 *
 * <p>A signed-in stream also keeps its last 15 s of audio at 16 kHz ({@link io.screamguard.server.listen.ClipRecorder},
 * 480 KB) and hands the clip from 10 s before a confirmed incident to 10 s after it to the alerting,
 * which stores it; nothing else of a stream is kept.
 *
 * <p>{@link io.screamguard.server.listen.StreamHub} and the sessions know nothing of Javalin;
 * {@link io.screamguard.server.listen.StreamHandler} adapts Javalin's WebSocket callbacks.
 */
package io.screamguard.server.listen;
