package io.screamguard.server.listen;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One stream's received audio waiting to be scored: bytes in arrival order (messages of any size,
 * a sample split across messages is simply completed by the next), handed to the worker one hop
 * at a time and shed in whole hops, so the scorer's position stays on the hop grid.
 *
 * <p>Bounded: when the buffer would hold more than its bound, {@link #append} of a client that is
 * ahead of real time (it has sent more audio than the wall time since its first audio, by more
 * than {@link #AHEAD_SECONDS}) waits, holding one of the hub's few waiting permits, while the
 * oldest complete hop has waited less than the wait limit: the socket is not read meanwhile, so a
 * fast replay is slowed by TCP, not dropped. A client at real-time pace never waits (an I/O thread
 * is never held for a server that is merely behind). Otherwise, or once the oldest audio has
 * waited longer, whole hops are dropped from the head down to the newest hop (the newest audio is
 * kept) and counted as frames to skip before the next hop: dropping in one run rather than one hop
 * per message leaves the scorer, which restarts after a gap, room for a whole window before the
 * next drop. Thread-safe: the I/O thread appends, a worker takes.
 */
final class PcmBuffer {
    /** Audio sent beyond real time that makes a client "faster than real time" (it may be made to wait). */
    static final double AHEAD_SECONDS = 0.5;
    private final int frameBytes;
    private final int hopBytes;
    private final long boundBytes;
    private final long maxWaitNanos;
    private final double bytesPerSecond;
    private final java.util.concurrent.Semaphore waitPermits;
    private long firstAppendNanos = -1;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition space = lock.newCondition();

    private byte[] ring = new byte[0];
    private int head;
    private int size;
    /** When each complete hop in the buffer became complete (its last byte arrived), oldest first. */
    private long[] hopTimes = new long[8];
    private int hopTimesHead;
    private int hopTimesSize;
    /** Bytes ever appended: hop k is complete once this reaches (k + 1) hops. */
    private long bytesIn;
    private long lastAppendNanos;
    private long skipFrames;
    private long shedHops;
    private boolean closed;

    /**
     * @param frameBytes   bytes of one sample frame
     * @param hopFrames    sample frames of one hop of the model
     * @param boundBytes   bytes that may wait before appends wait or shed (at least one hop)
     * @param maxWaitNanos how long the oldest complete hop may wait before audio is shed
     */
    PcmBuffer(int frameBytes, int hopFrames, long boundBytes, long maxWaitNanos) {
        this(frameBytes, hopFrames, boundBytes, maxWaitNanos, 0, new java.util.concurrent.Semaphore(Integer.MAX_VALUE));
    }

    /**
     * @param bytesPerSecond audio bytes per second of the stream (0: every client may wait)
     * @param waitPermits    shared by all streams: how many I/O threads may wait at once
     */
    PcmBuffer(int frameBytes, int hopFrames, long boundBytes, long maxWaitNanos, double bytesPerSecond,
              java.util.concurrent.Semaphore waitPermits) {
        if (frameBytes < 1 || hopFrames < 1) {
            throw new IllegalArgumentException("frameBytes and hopFrames must be >= 1, got " + frameBytes + ", " + hopFrames);
        }
        this.frameBytes = frameBytes;
        this.hopBytes = Math.multiplyExact(frameBytes, hopFrames);
        this.boundBytes = Math.max(boundBytes, hopBytes);
        this.maxWaitNanos = maxWaitNanos;
        this.bytesPerSecond = bytesPerSecond;
        this.waitPermits = waitPermits;
    }

    /** True when the client has sent more than {@link #AHEAD_SECONDS} of audio beyond the wall time since its first. */
    private boolean aheadOfRealTime(long now) {
        if (bytesPerSecond <= 0) {
            return true;
        }
        return bytesIn / bytesPerSecond - (now - firstAppendNanos) / 1e9 > AHEAD_SECONDS;
    }

    /** Bytes of one hop. */
    int hopBytes() {
        return hopBytes;
    }

    /**
     * Adds a message. Waits (at most until the oldest hop is older than the wait limit) while the
     * buffer is over its bound; then sheds whole hops from the head to make room.
     *
     * @return bytes waiting after the append
     * @throws InterruptedException when the waiting I/O thread is interrupted (the server stops)
     */
    long append(byte[] data) throws InterruptedException {
        return append(java.nio.ByteBuffer.wrap(data));
    }

    /**
     * Adds a message straight from the socket's buffer (its remaining bytes; its position is not
     * moved), so no array is allocated per message. As {@link #append(byte[])}.
     */
    long append(java.nio.ByteBuffer data) throws InterruptedException {
        int length = data.remaining();
        lock.lock();
        boolean permit = false;
        try {
            if (firstAppendNanos < 0) {
                firstAppendNanos = System.nanoTime();
            }
            while (!closed && hopTimesSize > 0 && size + (long) length > boundBytes) {
                long now = System.nanoTime();
                long waited = now - hopTimes[hopTimesHead];
                if (waited >= maxWaitNanos || !aheadOfRealTime(now)) {
                    break; // behind real time, or a real-time client: shed below
                }
                if (!permit && !(permit = waitPermits.tryAcquire())) {
                    break; // too many I/O threads wait already: shed rather than hold another
                }
                space.awaitNanos(maxWaitNanos - waited);
            }
            if (closed) {
                return size;
            }
            if (size + (long) length > boundBytes) {
                // shed down to the newest hop, not just enough for this message: after a gap the scorer
                // needs a whole window of unbroken audio, and shedding one hop per message left it none
                // (a server behind real time then made no decision at all: 0 hops at 2000 streams)
                while (hopTimesSize > 1) {
                    dropHeadHop();
                }
                while (hopTimesSize > 0 && size + (long) length > boundBytes) {
                    dropHeadHop();
                }
            }
            long now = System.nanoTime();
            write(data);
            lastAppendNanos = now;
            long completeBefore = bytesIn / hopBytes;
            bytesIn += length;
            for (long h = completeBefore; h < bytesIn / hopBytes; h++) {
                pushHopTime(now);
            }
            return size;
        } finally {
            if (permit) {
                waitPermits.release();
            }
            lock.unlock();
        }
    }

    /** True when a whole hop is waiting. */
    boolean hasHop() {
        lock.lock();
        try {
            return hopTimesSize > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes waiting. */
    long size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Hops shed so far. */
    long shedHops() {
        lock.lock();
        try {
            return shedHops;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next hop of audio with the frames shed before it, or null when no whole hop waits. With
     * {@code rest} set (the stream has ended), the last whole frames of a partial hop are taken too.
     */
    Slice take(boolean rest) {
        return take(rest, null);
    }

    /**
     * As {@link #take(boolean)}, into {@code reuse} when it is large enough (the worker's own hop
     * array: no array is allocated per hop); the slice's bytes are then valid until the next take.
     */
    Slice take(boolean rest, byte[] reuse) {
        lock.lock();
        try {
            int n;
            long completed;
            if (hopTimesSize > 0) {
                n = hopBytes;
                completed = hopTimes[hopTimesHead];
                hopTimesHead = (hopTimesHead + 1) % hopTimes.length;
                hopTimesSize--;
            } else if (rest && size >= frameBytes) {
                n = size - size % frameBytes;
                completed = lastAppendNanos;
            } else if (rest && skipFrames > 0) {
                n = 0;
                completed = lastAppendNanos;
            } else {
                return null;
            }
            byte[] out = reuse != null && reuse.length >= n ? reuse : new byte[n];
            read(out, n);
            shrinkIfIdle();
            long skip = skipFrames;
            skipFrames = 0;
            space.signalAll();
            return new Slice(out, n, skip, completed);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting append and refuses further audio (the stream is ending). */
    void close() {
        lock.lock();
        try {
            closed = true;
            space.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything waiting (the server is stopping). */
    void clear() {
        lock.lock();
        try {
            closed = true;
            head = 0;
            size = 0;
            hopTimesSize = 0;
            ring = new byte[0];
            space.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dropHeadHop() {
        discard(hopBytes);
        hopTimesHead = (hopTimesHead + 1) % hopTimes.length;
        hopTimesSize--;
        skipFrames += hopBytes / frameBytes;
        shedHops++;
    }

    private void pushHopTime(long nanos) {
        if (hopTimesSize == hopTimes.length) {
            long[] grown = new long[hopTimes.length * 2];
            for (int i = 0; i < hopTimesSize; i++) {
                grown[i] = hopTimes[(hopTimesHead + i) % hopTimes.length];
            }
            hopTimes = grown;
            hopTimesHead = 0;
        }
        hopTimes[(hopTimesHead + hopTimesSize) % hopTimes.length] = nanos;
        hopTimesSize++;
    }

    private void write(java.nio.ByteBuffer data) {
        int length = data.remaining();
        if (size + length > ring.length) {
            byte[] grown = new byte[Math.max(size + length, Math.max(hopBytes, ring.length * 2))];
            copyOut(grown, size);
            ring = grown;
            head = 0;
        }
        int tail = (head + size) % Math.max(1, ring.length);
        int first = Math.min(length, ring.length - tail);
        int at = data.position();
        data.get(at, ring, tail, first);
        data.get(at + first, ring, 0, length - first);
        size += length;
    }

    private void read(byte[] out, int n) {
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        discard(n);
    }

    private void discard(int n) {
        head = ring.length == 0 ? 0 : (head + n) % ring.length;
        size -= n;
    }

    private void copyOut(byte[] target, int n) {
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, target, 0, first);
        System.arraycopy(ring, 0, target, first, n - first);
    }

    /** A buffer grown by one large message is not kept at that size once it holds little. */
    private void shrinkIfIdle() {
        long keep = Math.max(2L * boundBytes, 4L * hopBytes);
        if (ring.length > keep && size <= keep / 2) {
            byte[] smaller = new byte[(int) keep];
            copyOut(smaller, size);
            ring = smaller;
            head = 0;
        }
    }

    /**
     * @param bytes          holds the whole frames to score in its first {@code length} bytes
     * @param length         bytes to score (0 when only a skip remains at the end)
     * @param skipFrames     frames shed just before these bytes
     * @param completedNanos when the bytes' last byte arrived ({@link System#nanoTime()})
     */
    record Slice(byte[] bytes, int length, long skipFrames, long completedNanos) {
        Slice {
            if (length < 0 || length > bytes.length) {
                throw new IllegalArgumentException("length must be in [0, " + bytes.length + "], got " + length);
            }
        }
    }
}
