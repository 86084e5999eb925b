package io.screamguard.training.streams;

import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.WindowSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A long recording made of held-out clips: the non-screams back to back in a seeded random order,
 * the screams inserted between them at seeded random points, evenly spread over the non-scream
 * audio. No silence is added: this is the hard case of someone vocalising all the time.
 *
 * @param samples          mono samples at {@code sampleRate}
 * @param sampleRate       the analysis rate in Hz
 * @param screams          where each scream is
 * @param nonScreamSeconds seconds of non-scream audio in the stream
 */
public record SyntheticStream(float[] samples, int sampleRate, List<ScreamMark> screams, double nonScreamSeconds) {

    /** Frame length for the onset, 20 ms at 16 kHz. */
    private static final int ONSET_FRAME = 320;
    /** The onset is the first frame within this many dB of the clip's loudest frame. */
    private static final double ONSET_DB = 20.0;

    /** Duration in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /**
     * Lays out streams of the given clips (all at one rate).
     *
     * @param clips the held-out clips (either class; may be empty)
     * @param plan  stream length and seed
     * @return the streams, each at most about {@code plan.maxStreamSeconds()} long; empty when no
     *         clip is given
     */
    public static List<SyntheticStream> build(List<ClipAudio> clips, StreamPlan plan) {
        if (clips.isEmpty()) {
            return List.of();
        }
        int rate = clips.get(0).sampleRate();
        SplittableRandom random = new SplittableRandom(plan.seed());
        List<ClipAudio> others = shuffled(clips.stream().filter(c -> !c.clip().isScream()).toList(), random);
        List<ClipAudio> screams = shuffled(clips.stream().filter(c -> c.clip().isScream()).toList(), random);
        // scream i goes after the non-scream clip at which the cumulative non-scream time passes its slot
        double total = others.stream().mapToDouble(ClipAudio::durationSeconds).sum();
        double[] slots = new double[screams.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = total * (i + random.nextDouble()) / slots.length;
        }
        List<SyntheticStream> streams = new ArrayList<>();
        Builder current = new Builder(rate);
        double elapsed = 0;
        int next = 0;
        for (ClipAudio other : others) {
            current.add(other);
            elapsed += other.durationSeconds();
            while (next < slots.length && slots[next] <= elapsed) {
                current.add(screams.get(next++));
            }
            if (current.seconds() >= plan.maxStreamSeconds()) {
                streams.add(current.build());
                current = new Builder(rate);
            }
        }
        while (next < screams.size()) {
            current.add(screams.get(next++));
        }
        if (current.seconds() > 0) {
            streams.add(current.build());
        }
        return streams;
    }

    private static List<ClipAudio> shuffled(List<ClipAudio> clips, SplittableRandom random) {
        List<ClipAudio> order = new ArrayList<>(clips);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            ClipAudio tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        return order;
    }

    /**
     * Offset of the onset in a scream clip: the first 20 ms frame whose RMS is within 20 dB of the
     * clip's loudest frame (0 for a silent clip).
     */
    static int onsetSample(float[] samples) {
        if (samples.length < ONSET_FRAME) {
            return 0;
        }
        double[] rms = WindowSignal.windowRms(samples, ONSET_FRAME, ONSET_FRAME);
        double peak = 0;
        for (double r : rms) {
            peak = Math.max(peak, r);
        }
        double floor = peak * Math.pow(10, -ONSET_DB / 20);
        for (int f = 0; f < rms.length; f++) {
            if (peak > 0 && rms[f] >= floor) {
                return f * ONSET_FRAME;
            }
        }
        return 0;
    }

    /** Concatenates clips into one stream. */
    private static final class Builder {
        private final int rate;
        private final List<float[]> parts = new ArrayList<>();
        private final List<ScreamMark> screams = new ArrayList<>();
        private long length;
        private double nonScreamSeconds;

        Builder(int rate) {
            this.rate = rate;
        }

        void add(ClipAudio clip) {
            float[] samples = clip.samples();
            if (clip.clip().isScream()) {
                double start = length / (double) rate;
                screams.add(new ScreamMark(start, start + onsetSample(samples) / (double) rate,
                        start + samples.length / (double) rate, clip.clip().source()));
            } else {
                nonScreamSeconds += samples.length / (double) rate;
            }
            parts.add(samples);
            length += samples.length;
        }

        double seconds() {
            return length / (double) rate;
        }

        SyntheticStream build() {
            float[] all = new float[Math.toIntExact(length)];
            int at = 0;
            for (float[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return new SyntheticStream(all, rate, List.copyOf(screams), nonScreamSeconds);
        }
    }
}
