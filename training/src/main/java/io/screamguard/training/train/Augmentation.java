package io.screamguard.training.train;

import java.util.Arrays;

/**
 * Augmentation of the scream clips of a training fold (never of evaluation data). Each training
 * scream clip gets {@code copies} variants, each with a random gain, a random time shift of less
 * than one hop, and noise cut from a random non-scream clip of the same training fold mixed at a
 * random SNR from {@code snrDb}.
 *
 * @param copies    variants per scream clip, >= 0 (0 = no augmentation)
 * @param minGainDb lowest gain in dB (e.g. -20)
 * @param maxGainDb highest gain in dB (e.g. +6); samples are clipped to [-1, 1] as a recorder would
 * @param snrDb     signal-to-noise ratios in dB to draw from (e.g. 0, 5, 10, 20); empty = no noise
 */
public record Augmentation(int copies, double minGainDb, double maxGainDb, double[] snrDb) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, new double[0]);

    /** Validates every field and names the bad value. */
    public Augmentation {
        if (copies < 0) {
            throw new IllegalArgumentException("augmentation copies must be >= 0, got " + copies);
        }
        if (!(minGainDb <= maxGainDb) || Math.abs(minGainDb) > 60 || Math.abs(maxGainDb) > 60) {
            throw new IllegalArgumentException("augmentation gain range must be within -60..60 dB with min <= max, got "
                    + minGainDb + ".." + maxGainDb);
        }
        snrDb = snrDb.clone();
        for (double snr : snrDb) {
            if (!Double.isFinite(snr) || Math.abs(snr) > 60) {
                throw new IllegalArgumentException("augmentation SNR must be within -60..60 dB, got " + snr);
            }
        }
    }

    /** Whether any variants are made. */
    public boolean enabled() {
        return copies > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Augmentation a && copies == a.copies && minGainDb == a.minGainDb
                && maxGainDb == a.maxGainDb && Arrays.equals(snrDb, a.snrDb);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(copies) + Arrays.hashCode(snrDb);
    }

    @Override
    public String toString() {
        return copies == 0 ? "none" : copies + " copies, gain " + minGainDb + ".." + maxGainDb + " dB, noise SNR "
                + Arrays.toString(snrDb) + " dB, shift < 1 hop";
    }
}
