package io.screamguard.server.listen;

/**
 * The last samples of a stream (16-bit) kept as IMA ADPCM, 4 bits a sample: a quarter of the
 * memory of 16-bit PCM (120 KB instead of 480 KB for 15 s at 16 kHz), for audio a person listens
 * to, never scores. The samples are coded in blocks of {@value #BLOCK_SAMPLES}, each starting
 * from the coder's state saved with it, so any block decodes on its own; the ring holds one block
 * more than its capacity (the block being written overwrites the oldest). The arrays are allocated
 * with the first sample (a stream that sends no audio keeps none).
 *
 * <p>Quality: IMA ADPCM adapts its step to the signal; on speech and screams its error is about
 * 25-35 dB below the signal (measured in {@code AdpcmRingTest}), audible as a faint hiss, against
 * ~90 dB for 16-bit PCM. Not thread-safe: one stream's worker uses it.
 */
final class AdpcmRing {
    /** Samples per independently decodable block. */
    static final int BLOCK_SAMPLES = 256;

    private static final int[] STEPS = {
        7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88,
        97, 107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658,
        724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660,
        4026, 4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818,
        18500, 20350, 22385, 24623, 27086, 29794, 32767};
    private static final int[] INDEX_CHANGE = {-1, -1, -1, -1, 2, 4, 6, 8};

    private final int blocks;
    /** Two samples a byte, low nibble first; null until the first sample. */
    private byte[] codes;
    /** Each block's predictor before its first sample. */
    private short[] blockPredictor;
    /** Each block's step index before its first sample. */
    private byte[] blockStepIndex;
    private int predictor;
    private int stepIndex;
    /** Samples written so far. */
    private long written;
    /** The block being written ({@code (written / BLOCK_SAMPLES) % blocks}) and the position in it. */
    private int slot;
    private int within;

    /** @param capacitySamples samples the ring keeps at least (&gt; 0) */
    AdpcmRing(int capacitySamples) {
        if (capacitySamples <= 0) {
            throw new IllegalArgumentException("capacitySamples must be > 0, got " + capacitySamples);
        }
        this.blocks = (capacitySamples + BLOCK_SAMPLES - 1) / BLOCK_SAMPLES + 1;
    }

    /** Samples the ring keeps at least. */
    long capacity() {
        return (long) (blocks - 1) * BLOCK_SAMPLES;
    }

    /** Samples written so far (the index of the next one). */
    long written() {
        return written;
    }

    /** The index of the oldest sample still kept. */
    long oldest() {
        long currentBlock = written / BLOCK_SAMPLES;
        return Math.max(0, (currentBlock - (blocks - 1)) * BLOCK_SAMPLES);
    }

    /** Bytes the ring holds now (0 before the first sample). */
    long allocatedBytes() {
        return codes == null ? 0 : codes.length + blockPredictor.length * 2L + blockStepIndex.length;
    }

    /** Appends one sample (a few nanoseconds: no division, one branch per bit of the code). */
    void add(short sample) {
        if (codes == null) {
            codes = new byte[blocks * BLOCK_SAMPLES / 2];
            blockPredictor = new short[blocks];
            blockStepIndex = new byte[blocks];
        }
        if (within == 0) {
            blockPredictor[slot] = (short) predictor;
            blockStepIndex[slot] = (byte) stepIndex;
        }
        int code = encode(sample);
        int at = slot * (BLOCK_SAMPLES / 2) + (within >> 1);
        if ((within & 1) == 0) {
            codes[at] = (byte) code;
        } else {
            codes[at] |= (byte) (code << 4);
        }
        written++;
        if (++within == BLOCK_SAMPLES) {
            within = 0;
            if (++slot == blocks) {
                slot = 0;
            }
        }
    }

    /**
     * Codes one sample and moves the coder's state on, exactly as {@link #next} decodes it; without
     * branches on the signal (masks instead), which a CPU cannot predict.
     */
    private int encode(int sample) {
        int step = STEPS[stepIndex];
        int half = step >> 1;
        int quarter = step >> 2;
        int diff = sample - predictor;
        int sign = diff >> 31;                 // -1 when negative
        diff = (diff ^ sign) - sign;           // |diff|
        int m4 = (step - 1 - diff) >> 31;      // -1 when diff >= step
        diff -= step & m4;
        int m2 = (half - 1 - diff) >> 31;
        diff -= half & m2;
        int m1 = (quarter - 1 - diff) >> 31;
        int code = (sign & 8) | (m4 & 4) | (m2 & 2) | (m1 & 1);
        int delta = (step >> 3) + (step & m4) + (half & m2) + (quarter & m1);
        int p = predictor + ((delta ^ sign) - sign);
        predictor = p < Short.MIN_VALUE ? Short.MIN_VALUE : Math.min(p, Short.MAX_VALUE);
        stepIndex = nextIndex(stepIndex, code);
        return code;
    }

    private static int next(int predictor, int step, int code) {
        int delta = step >> 3;
        if ((code & 4) != 0) {
            delta += step;
        }
        if ((code & 2) != 0) {
            delta += step >> 1;
        }
        if ((code & 1) != 0) {
            delta += step >> 2;
        }
        int p = (code & 8) != 0 ? predictor - delta : predictor + delta;
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, p));
    }

    private static int nextIndex(int index, int code) {
        int i = index + INDEX_CHANGE[code & 7];
        return i < 0 ? 0 : Math.min(i, STEPS.length - 1);
    }

    /**
     * Decodes the kept samples {@code [from, to)} in order.
     *
     * @throws IllegalArgumentException when the range is not kept
     */
    void decode(long from, long to, SampleSink sink) {
        if (from < oldest() || to > written || from > to) {
            throw new IllegalArgumentException("samples [" + from + ", " + to + ") are not all kept; the ring holds ["
                    + oldest() + ", " + written + ")");
        }
        long i = from - from % BLOCK_SAMPLES;
        int p = 0;
        int index = 0;
        while (i < to) {
            int block = (int) ((i / BLOCK_SAMPLES) % blocks);
            int within = (int) (i % BLOCK_SAMPLES);
            if (within == 0) {
                p = blockPredictor[block];
                index = blockStepIndex[block];
            }
            int b = codes[block * (BLOCK_SAMPLES / 2) + within / 2];
            int code = (within & 1) == 0 ? b & 0x0F : (b >> 4) & 0x0F;
            p = next(p, STEPS[index], code);
            index = nextIndex(index, code);
            if (i >= from) {
                sink.sample((short) p);
            }
            i++;
        }
    }

    /** Receives decoded samples. */
    @FunctionalInterface
    interface SampleSink {
        void sample(short value);
    }
}
