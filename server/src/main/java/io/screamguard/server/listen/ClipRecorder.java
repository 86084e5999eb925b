package io.screamguard.server.listen;

import io.screamguard.server.scoring.StreamFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the last {@value #RING_SECONDS} s of one stream's audio at 16 kHz mono, in 4-bit block
 * floating point (a {@link ClipRing} of 135 KB, not 16-bit PCM's 480 KB, allocated with the first
 * audio: 10 s before an incident's start plus the time the detector takes to confirm it) and, from
 * an incident's confirmation, records on until {@value #AFTER_SECONDS} s after the incident ended
 * (or the stream closed); then hands a WAV of the whole span, from {@value #BEFORE_SECONDS} s
 * before the incident's start, to its consumer: the part from the ring
 * (before the confirmation) has the ring's quality, the rest is 16-bit PCM. Nothing else of the
 * stream is kept. The stream's audio is mixed down to mono and resampled to 16 kHz by linear
 * interpolation (no anti-alias filter: a clip is for listening, not for scoring).
 * The recording takes its memory from the streams' shared {@link ClipMemory}, in chunks of
 * {@value #CHUNK_BYTES} bytes; when it can have no more, the clip ends there.
 * Not thread-safe: the session's worker feeds it.
 */
final class ClipRecorder {
    /** Rate of the clips, Hz (the analysis rate). */
    static final int CLIP_RATE_HZ = 16_000;
    /** Seconds kept before an incident's start. */
    static final int BEFORE_SECONDS = 10;
    /** Seconds of audio the ring holds: {@link #BEFORE_SECONDS} plus the confirmation delay (window + debounce). */
    static final int RING_SECONDS = 15;
    /** Seconds recorded after an incident's end. */
    static final int AFTER_SECONDS = 10;
    /** A clip never grows beyond this (an incident that goes on and on): it is stored at this length. */
    static final int MAX_CLIP_SECONDS = 300;
    /** Bytes a recording reserves at a time (2 s of clip). */
    static final int CHUNK_BYTES = 2 * CLIP_RATE_HZ * 2;

    private final StreamFormat format;
    private final double inputPerOutput;
    private final ClipSink onClip;
    private final ClipMemory memory;
    private final ClipRing ring = new ClipRing(RING_SECONDS * CLIP_RATE_HZ);
    /** 16 kHz samples produced so far (stream time x 16000). */
    private long produced;
    private boolean hasPrevious;
    private float previous;
    /** Position of the next output sample between {@code previous} (0) and the next input sample (1). */
    private double phase;

    private String incidentId;
    /** The clip so far, in full chunks of {@link #CHUNK_BYTES} but the last; null when not recording. */
    private List<byte[]> recording;
    /** Bytes written to the last chunk. */
    private int lastChunkBytes;
    /** Bytes of the clip so far. */
    private long recordedBytes;
    private long stopAtSample = Long.MAX_VALUE;

    /**
     * @param format the stream's format
     * @param onClip receives each recorded incident's clip, on the feeding thread
     * @param memory the memory all streams' clips share
     */
    ClipRecorder(StreamFormat format, ClipSink onClip, ClipMemory memory) {
        this.format = format;
        this.inputPerOutput = format.sampleRateHz() / (double) CLIP_RATE_HZ;
        this.onClip = onClip;
        this.memory = memory;
    }

    /** Whole sample frames of the stream, in its format. */
    void accept(byte[] pcm, int offset, int length) {
        if (format.encoding() == StreamFormat.Encoding.S16LE && format.channels() == 1 && inputPerOutput == 1.0) {
            // 16 kHz mono 16-bit, what browsers send: the samples are the clip's as they are
            for (int i = offset, end = offset + length - 1; i < end; i += 2) {
                output((short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8)));
            }
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(pcm, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        int channels = format.channels();
        boolean s16 = format.encoding() == StreamFormat.Encoding.S16LE;
        while (b.remaining() >= format.frameBytes()) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += s16 ? b.getShort() / 32768f : b.getFloat();
            }
            input(sum / channels);
        }
    }

    private void input(float x) {
        if (inputPerOutput == 1.0) { // 16 kHz in: the general loop below reduces to this (phase stays 0)
            if (hasPrevious) {
                output(previous);
            }
            previous = x;
            hasPrevious = true;
            return;
        }
        if (!hasPrevious) {
            previous = x;
            hasPrevious = true;
            return;
        }
        while (phase < 1) {
            output(previous + (x - previous) * (float) phase);
            phase += inputPerOutput;
        }
        phase -= 1;
        previous = x;
    }

    /** Audio the stream dropped (overload): silence of the same length keeps the clip's timing. */
    void skipFrames(long frames) {
        if (hasPrevious && phase < 1) {
            output(previous); // the sample the interpolation was holding for its successor
        }
        long samples = Math.round(frames / inputPerOutput);
        long silent = recording == null ? Math.min(samples, ring.capacity()) : samples;
        produced += samples - silent; // the ring is all silence then: its indices lag stream time
        for (long i = 0; i < silent; i++) {
            output((short) 0);
        }
        hasPrevious = false;
        phase = 0;
    }

    private void output(float x) {
        output((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x * 32767f))));
    }

    private void output(short s) {
        ring.add(s);
        produced++;
        if (recording != null) {
            if (lastChunkBytes == CHUNK_BYTES && !grow()) {
                memory.cutShort();
                complete();
                return;
            }
            write(s);
            if (produced >= stopAtSample || recordedBytes >= MAX_CLIP_SECONDS * CLIP_RATE_HZ * 2L) {
                complete();
            }
        }
    }

    /** Appends one sample; the last chunk has room. */
    private void write(short s) {
        byte[] chunk = recording.get(recording.size() - 1);
        chunk[lastChunkBytes++] = (byte) s;
        chunk[lastChunkBytes++] = (byte) (s >> 8);
        recordedBytes += 2;
    }

    /** One more chunk, if the shared memory has it. */
    private boolean grow() {
        if (!memory.reserve(CHUNK_BYTES)) {
            return false;
        }
        recording.add(new byte[CHUNK_BYTES]);
        lastChunkBytes = 0;
        return true;
    }

    /**
     * An incident was confirmed: the clip starts {@value #BEFORE_SECONDS} s before its start (or as
     * far back as the ring reaches). A clip still being recorded ends here.
     *
     * @param id           the incident's event id
     * @param startSeconds the incident's start, stream seconds
     */
    void incidentConfirmed(String id, double startSeconds) {
        if (recording != null) {
            complete();
        }
        long lag = produced - ring.written(); // stream samples not written to the ring (a long gap)
        long from = Math.max(ring.oldest() + lag, Math.round((startSeconds - BEFORE_SECONDS) * CLIP_RATE_HZ));
        from = Math.min(from, produced);
        recording = new ArrayList<>();
        recordedBytes = 0;
        if (!grow()) {
            recording = null;
            memory.cutShort(); // no memory for even the start: this incident has no clip
            return;
        }
        incidentId = id;
        stopAtSample = Long.MAX_VALUE;
        ring.decode(from - lag, produced - lag, this::fromRing);
    }

    /** Appends one sample of the audio before the confirmation, while the memory lasts. */
    private void fromRing(short s) {
        if (recording == null) {
            return; // cut short by the memory bound already
        }
        if (lastChunkBytes == CHUNK_BYTES && !grow()) {
            memory.cutShort();
            complete();
            return;
        }
        write(s);
    }

    /** The incident being recorded ended at this stream time: {@value #AFTER_SECONDS} s more, then the clip is done. */
    void incidentEnded(double endSeconds) {
        if (recording != null) {
            stopAtSample = Math.round((endSeconds + AFTER_SECONDS) * CLIP_RATE_HZ);
            if (produced >= stopAtSample) {
                complete();
            }
        }
    }

    /** The stream ended: a clip being recorded ends with it. */
    void close() {
        if (recording != null) {
            complete();
        }
    }

    private void complete() {
        byte[] pcm = new byte[(int) recordedBytes];
        int at = 0;
        for (byte[] chunk : recording) {
            int n = (int) Math.min(chunk.length, recordedBytes - at);
            System.arraycopy(chunk, 0, pcm, at, n);
            at += n;
        }
        long reserved = (long) recording.size() * CHUNK_BYTES;
        String id = incidentId;
        recording = null;
        incidentId = null;
        stopAtSample = Long.MAX_VALUE;
        // the clip's memory stays counted until it is stored (clips waiting for a slow database
        // filled the heap when they were not: 1500 queued WAVs under 300 screaming streams)
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                memory.release(reserved);
            }
        };
        try {
            onClip.clip(id, wav(pcm, CLIP_RATE_HZ), release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /** Where finished clips go. */
    @FunctionalInterface
    interface ClipSink {
        /**
         * @param incidentId the incident's event id
         * @param wav        the clip as a WAV file
         * @param done       to run once the clip is stored or given up (it gives its memory back)
         */
        void clip(String incidentId, byte[] wav, Runnable done);
    }

    /** A RIFF/WAVE file of 16-bit little-endian mono PCM. */
    static byte[] wav(byte[] pcm, int sampleRateHz) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(sampleRateHz).putInt(sampleRateHz * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return b.array();
    }
}
