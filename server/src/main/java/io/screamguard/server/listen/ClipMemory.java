package io.screamguard.server.listen;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all live streams' incident clips may hold together, in bytes of 16 kHz PCM. A clip
 * reserves what it needs as it grows and gives it back once handed on; a clip that cannot get
 * more is stored at the length it has (or, when not even its start fits, not recorded), so many
 * long incidents at once cannot exhaust the heap (they did: 1000 screaming streams filled 1 GiB and
 * stopped every stream worker). The alert itself never depends on the clip. Thread-safe.
 */
final class ClipMemory {
    /** Share of the maximum heap given to clips when not told otherwise. */
    static final int HEAP_FRACTION = 8;

    private final long limitBytes;
    private final AtomicLong freeBytes;
    private final Runnable onCutShort;

    /**
     * @param limitBytes the bound, bytes (&gt; 0)
     * @param onCutShort run each time a clip is cut short or not recorded for want of memory (a metric)
     */
    ClipMemory(long limitBytes, Runnable onCutShort) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes must be > 0, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
        this.freeBytes = new AtomicLong(limitBytes);
        this.onCutShort = onCutShort;
    }

    /** An eighth of the JVM's maximum heap ({@code -Xmx}). */
    static ClipMemory forHeap(long maxHeapBytes, Runnable onCutShort) {
        return new ClipMemory(Math.max(1, maxHeapBytes / HEAP_FRACTION), onCutShort);
    }

    /** @return true when {@code bytes} were reserved; false (nothing reserved) when they do not fit */
    boolean reserve(long bytes) {
        while (true) {
            long free = freeBytes.get();
            if (free < bytes) {
                return false;
            }
            if (freeBytes.compareAndSet(free, free - bytes)) {
                return true;
            }
        }
    }

    /** Gives back bytes reserved earlier. */
    void release(long bytes) {
        freeBytes.addAndGet(bytes);
    }

    /** A clip was cut short or not recorded. */
    void cutShort() {
        onCutShort.run();
    }

    /** Bytes not reserved now. */
    long freeBytes() {
        return freeBytes.get();
    }

    long limitBytes() {
        return limitBytes;
    }
}
