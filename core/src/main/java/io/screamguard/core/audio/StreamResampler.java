package io.screamguard.core.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Band-limited resampling of a stream delivered in chunks of any size.
 *
 * <p>The samples returned by successive {@link #process} calls, followed by those of
 * {@link #flush()}, are exactly (bit for bit) the samples {@link Resampler#resample} returns for the
 * concatenated input: both run this class. Without a flush, the output is that same sequence less
 * its last samples: each output waits for {@link #latencyInputSamples()} input samples after its
 * position (296 samples, 6.2 ms, at 48 kHz -> 16 kHz), so a live stream needs no flush; call
 * {@link #flush()} only to end a finite signal the way the offline resampler does.
 *
 * <p>Output sample n is aligned with input time {@code n * fromHz / toHz} (no filter delay), as
 * librosa/soxr output is. The filter (package-private {@code PolyphaseFilter}): a Kaiser-windowed sinc,
 * passband to 0.9136 of the lower Nyquist frequency, stopband from that Nyquist frequency on at about
 * 130 dB, linear phase. Cost: one multiply-add per tap per output sample, e.g. 592 taps for 48 kHz ->
 * 16 kHz, 544 for 44.1 kHz -> 16 kHz, 274 for 22.05 kHz -> 16 kHz. Integer ratios take a vectorised
 * decimation kernel in cache-sized parts (about 0.85 ms CPU per 48 kHz audio-second, streamed or
 * whole); other ratios take a vectorised block kernel whenever at least {@value #MIN_KERNEL_BLOCKS}
 * whole blocks of {@code up} outputs are ready (a whole clip: 0.46 ms CPU per 22.05 kHz audio-second,
 * 0.8 ms per 44.1 kHz one), and otherwise two outputs per step (a live stream's 20 ms chunks: about
 * 110 ns per output sample at 22.05 kHz, 210 ns at 44.1 kHz). Every path gives the same samples.
 *
 * <p>Not thread-safe: one instance per stream. The coefficient tables are shared between instances.
 */
public final class StreamResampler {

    /**
     * The fewest whole blocks worth the block kernel: below it (a live stream's 20 ms chunks at
     * 44.1 kHz hold two blocks) its per-pass overhead costs more than the pairs path saves.
     */
    static final int MIN_KERNEL_BLOCKS = 8;
    /** Outputs per pass of the integer decimation kernel (8 KB of outputs, a few lanes of input). */
    static final int DECIMATION_PART = 2048;

    private final int fromHz;
    private final int toHz;
    private final PolyphaseFilter filter;
    private float[] buffer;
    /** Absolute input index of buffer[0] (negative for the zeros before the stream). */
    private long bufferStart;
    private int bufferLength;
    private long inputCount;
    private long outputCount;
    /** floor(outputCount * down / up), the input index of the next output. */
    private long base;
    /** (outputCount * down) mod up, the phase of the next output. */
    private int phase;
    private boolean flushed;
    /** Work arrays of the decimation kernel, reused from chunk to chunk (allocated on first use). */
    private final PolyphaseFilter.DecimationScratch decimationScratch = new PolyphaseFilter.DecimationScratch();
    /** Work arrays of the block kernel of rational ratios, reused from chunk to chunk (grown on first use). */
    private final PolyphaseFilter.BlockScratch blockScratch = new PolyphaseFilter.BlockScratch();

    /**
     * @param fromHz the input rate in Hz, > 0 (e.g. 48000)
     * @param toHz   the output rate in Hz, > 0 (e.g. 16000); equal rates copy samples through
     * @throws IllegalArgumentException for non-positive rates or a ratio beyond 1:512
     */
    public StreamResampler(int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new IllegalArgumentException("sample rates must be > 0 Hz, got " + fromHz + " -> " + toHz);
        }
        this.fromHz = fromHz;
        this.toHz = toHz;
        this.filter = fromHz == toHz ? null : PolyphaseFilter.forRates(fromHz, toHz);
        if (filter != null) {
            int history = filter.halfTaps() - 1;
            this.buffer = new float[Math.max(4096, 4 * filter.taps())];
            this.bufferStart = -history;
            this.bufferLength = history;
        }
    }

    /** @return the input rate in Hz */
    public int fromHz() {
        return fromHz;
    }

    /** @return the output rate in Hz */
    public int toHz() {
        return toHz;
    }

    /**
     * @return how many input samples past an output's position must have arrived before that output
     *     is produced (0 when the rates are equal)
     */
    public int latencyInputSamples() {
        return filter == null ? 0 : filter.halfTaps();
    }

    /**
     * Feeds the next input samples and returns every output sample they complete.
     *
     * @param chunk the next input samples at {@code fromHz}, not null (may be empty)
     * @return the new output samples at {@code toHz} (possibly none)
     * @throws IllegalStateException after {@link #flush()}
     */
    public float[] process(float[] chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (flushed) {
            throw new IllegalStateException("process() called after flush(): create a new StreamResampler");
        }
        if (filter == null) {
            inputCount += chunk.length;
            outputCount += chunk.length;
            return chunk.clone();
        }
        append(chunk, chunk.length);
        inputCount += chunk.length;
        return produce(Long.MAX_VALUE);
    }

    /**
     * Ends the stream: treats the input as followed by silence and returns the last output samples,
     * so that the total output has {@code ceil(inputSamples * toHz / fromHz)} samples, the length
     * librosa gives. No further {@link #process} is allowed.
     *
     * @return the remaining output samples
     */
    public float[] flush() {
        if (flushed) {
            return new float[0];
        }
        flushed = true;
        if (filter == null) {
            return new float[0];
        }
        long total = ceilDiv(inputCount * filter.up(), filter.down());
        append(new float[filter.halfTaps() + 1], filter.halfTaps() + 1);
        return produce(total);
    }

    /** @return input samples received so far */
    public long inputSamples() {
        return inputCount;
    }

    /** @return output samples returned so far */
    public long outputSamples() {
        return outputCount;
    }

    private float[] produce(long maxOutputs) {
        int halfTaps = filter.halfTaps();
        int up = filter.up();
        int down = filter.down();
        long available = bufferStart + bufferLength;
        long possible = Math.min(maxOutputs - outputCount, estimateOutputs(available - halfTaps - 1, up, down));
        if (possible <= 0) {
            return new float[0];
        }
        float[] out = new float[(int) possible];
        if (up == 1) {
            // integer decimation: one coefficient row, computed a block at a time (vectorised)
            decimateInParts(out, (int) (base - halfTaps + 1 - bufferStart), down);
            outputCount += out.length;
            base += (long) out.length * down;
            discardBefore(base - halfTaps + 1);
            return out;
        }
        int produced = 0;
        if (filter.hasBlockKernel()) {
            produced = produceBlocks(out, available);
        }
        while (produced + 1 < out.length) {
            // two outputs per step (same samples as one at a time, see PolyphaseFilter.applyPair)
            int phaseB = phase + down;
            long baseB = base + phaseB / up;
            phaseB %= up;
            if (baseB + halfTaps >= available) {
                break;
            }
            filter.applyPair(buffer, (int) (base - halfTaps + 1 - bufferStart), phase,
                    (int) (baseB - halfTaps + 1 - bufferStart), phaseB, out, produced);
            produced += 2;
            phase = phaseB + down;
            base = baseB + phase / up;
            phase %= up;
        }
        while (produced < out.length && base + halfTaps < available) {
            int first = (int) (base - halfTaps + 1 - bufferStart);
            out[produced++] = filter.apply(buffer, first, phase);
            phase += down;
            base += phase / up;
            phase %= up;
        }
        outputCount += produced;
        discardBefore(base - halfTaps + 1);
        return produced == out.length ? out : Arrays.copyOf(out, produced);
    }

    /**
     * The outputs of a rational ratio up to the last whole block the input allows, through the
     * vectorised block kernel: first single outputs up to the next phase-0 output (a block start),
     * then whole blocks. Leaves base and phase at the next output; the caller finishes the rest one
     * or two at a time (same bits, see {@code PolyphaseFilter.resampleBlocks}).
     *
     * @return how many outputs were written at the start of out
     */
    private int produceBlocks(float[] out, long available) {
        int halfTaps = filter.halfTaps();
        int up = filter.up();
        int down = filter.down();
        if (available - (base - halfTaps + 1) < (long) (MIN_KERNEL_BLOCKS + 1) * down + filter.blockSpan()) {
            // not enough input for the kernel even after aligning to a block: leave it all to the pairs
            return 0;
        }
        int produced = 0;
        while (phase != 0 && produced < out.length && base + halfTaps < available) {
            out[produced++] = filter.apply(buffer, (int) (base - halfTaps + 1 - bufferStart), phase);
            phase += down;
            base += phase / up;
            phase %= up;
        }
        if (phase != 0) {
            return produced;
        }
        // block i is complete when its last output (at base + i*down + span - taps) has its last tap
        long lastFirstTap = available - filter.blockSpan();
        long firstTap = base - halfTaps + 1;
        long blocks = lastFirstTap < firstTap ? 0 : (lastFirstTap - firstTap) / down + 1;
        blocks = Math.min(blocks, (out.length - produced) / up);
        if (blocks >= MIN_KERNEL_BLOCKS) {
            filter.resampleBlocks(buffer, (int) (firstTap - bufferStart), (int) blocks, out, produced, blockScratch);
            produced += (int) (blocks * up);
            base += blocks * down;
        }
        return produced;
    }

    /**
     * Integer decimation into out, {@link #DECIMATION_PART} outputs at a time: the kernel makes one
     * pass over its outputs per tap, so parts that stay in the L1/L2 cache are more than twice as fast
     * as one pass over a whole upload (the samples are the same: each output's sum does not depend on
     * the part size).
     */
    private void decimateInParts(float[] out, int first, int down) {
        if (out.length <= DECIMATION_PART) {
            filter.decimate(buffer, first, out, decimationScratch);
            return;
        }
        float[] part = new float[DECIMATION_PART];
        for (int at = 0; at < out.length; at += DECIMATION_PART) {
            int count = Math.min(DECIMATION_PART, out.length - at);
            float[] target = count == part.length ? part : new float[count];
            Arrays.fill(target, 0f);
            filter.decimate(buffer, first + at * down, target, decimationScratch);
            System.arraycopy(target, 0, out, at, count);
        }
    }

    /** How many outputs from outputCount have base <= lastBase. */
    private long estimateOutputs(long lastBase, int up, int down) {
        if (lastBase < base) {
            return 0;
        }
        // outputs n with floor(n * down / up) <= lastBase: n <= ((lastBase + 1) * up - 1) / down
        long lastN = ((lastBase + 1) * up - 1) / down;
        return lastN - outputCount + 1;
    }

    private void append(float[] samples, int count) {
        if (bufferLength + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, bufferLength + count));
        }
        System.arraycopy(samples, 0, buffer, bufferLength, count);
        bufferLength += count;
    }

    private void discardBefore(long absoluteIndex) {
        int drop = (int) Math.min(bufferLength, Math.max(0, absoluteIndex - bufferStart));
        if (drop == 0) {
            return;
        }
        System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
        bufferLength -= drop;
        bufferStart += drop;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
