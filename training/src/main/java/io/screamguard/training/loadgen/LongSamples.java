package io.screamguard.training.loadgen;

import java.util.Arrays;

/** A growable array of longs (latency samples) without boxing. Not thread-safe. */
final class LongSamples {

    private long[] values = new long[256];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    long[] array() {
        return values;
    }

    void addAll(LongSamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }
}
