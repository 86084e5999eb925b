package io.screamguard.training.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a process's CPU time and resident memory from {@code /proc/PID} (Linux only).
 * Call {@link #sample()} periodically; thread-confined to the sampling thread.
 */
final class ProcessSampler {

    /** Linux's USER_HZ: the unit of utime/stime in /proc/PID/stat on every mainstream kernel. */
    static final int CLOCK_TICKS_PER_SECOND = 100;

    private final long pid;
    private long firstCpuTicks = -1;
    private long firstNanos;
    private long lastCpuTicks;
    private long lastNanos;
    private long maxRssBytes;
    private long lastRssBytes;
    private double maxIntervalCpuPercent;
    private long steadyCpuTicks = -1;
    private long steadyNanos;

    ProcessSampler(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0, got " + pid);
        }
        this.pid = pid;
    }

    /**
     * Whether /proc/PID exists.
     *
     * @return true if the process can be sampled
     */
    boolean available() {
        return Files.isReadable(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Takes one sample of CPU ticks and RSS; ignores a process that has gone. */
    void sample() {
        long now = System.nanoTime();
        try {
            long ticks = cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            long rss = rssBytes(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
            if (firstCpuTicks < 0) {
                firstCpuTicks = ticks;
                firstNanos = now;
            } else if (now > lastNanos) {
                maxIntervalCpuPercent = Math.max(maxIntervalCpuPercent,
                        cpuPercent(ticks - lastCpuTicks, now - lastNanos));
            }
            lastCpuTicks = ticks;
            lastNanos = now;
            lastRssBytes = rss;
            maxRssBytes = Math.max(maxRssBytes, rss);
        } catch (IOException | RuntimeException gone) {
            // the process ended or /proc is unreadable: keep what was measured so far
        }
    }

    /** Marks the start of the steady phase (after the ramp); CPU is averaged from here. */
    void markSteady() {
        sample();
        steadyCpuTicks = lastCpuTicks;
        steadyNanos = lastNanos;
    }

    /** @return mean CPU % (100 = one core busy) since {@link #markSteady()}, or since the first sample */
    double meanCpuPercent() {
        long fromTicks = steadyCpuTicks >= 0 ? steadyCpuTicks : firstCpuTicks;
        long fromNanos = steadyCpuTicks >= 0 ? steadyNanos : firstNanos;
        if (fromTicks < 0 || lastNanos <= fromNanos) {
            return 0;
        }
        return cpuPercent(lastCpuTicks - fromTicks, lastNanos - fromNanos);
    }

    double maxIntervalCpuPercent() {
        return maxIntervalCpuPercent;
    }

    long maxRssBytes() {
        return maxRssBytes;
    }

    /** CPU ticks at the last sample. */
    long lastCpuTicks() {
        return lastCpuTicks;
    }

    /** When the last sample was taken ({@link System#nanoTime()}). */
    long lastSampleNanos() {
        return lastNanos;
    }

    long lastRssBytes() {
        return lastRssBytes;
    }

    /**
     * CPU percent of one core.
     *
     * @param ticks   CPU clock ticks used in the interval
     * @param nanos   wall-clock length of the interval
     * @return percent, where 100 means one core fully busy
     */
    static double cpuPercent(long ticks, long nanos) {
        return ticks * 100.0 / CLOCK_TICKS_PER_SECOND / (nanos / 1e9);
    }

    /**
     * utime + stime from a /proc/PID/stat line (fields 14 and 15, counted after the command name,
     * which may contain spaces and parentheses).
     *
     * @param statLine the file's content
     * @return CPU clock ticks used so far
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + statLine);
        }
        String[] fields = statLine.substring(close + 2).trim().split(" +");
        // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) is fields[12]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * VmRSS from /proc/PID/status.
     *
     * @param statusLines the file's lines
     * @return resident memory in bytes, 0 when absent
     */
    static long rssBytes(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split(" +");
                return Long.parseLong(parts[0]) * 1024L;
            }
        }
        return 0;
    }
}
