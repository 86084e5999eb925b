package io.screamguard.training.train;

import java.util.Arrays;

/**
 * Augmentation of the clips of a training fold (never of evaluation data), so that the forest
 * learns the sound and not the device or the room. Both classes are augmented alike, so that no
 * effect becomes a cue for one class: every scream clip gets {@code screamCopies} variants and
 * each non-scream clip one variant with probability {@code nonScreamShare}. A variant has a random
 * time shift of less than one hop and a random gain; with probability {@code reverbShare} a
 * simple room ({@link DeviceEffects#reverberate}); with probability {@code noiseShare} noise cut
 * from a random non-scream clip of the same fold at a random SNR from {@code snrDb}; with
 * probability {@code telephoneShare} the telephone band ({@link DeviceEffects#telephoneBand}).
 *
 * @param screamCopies   variants per scream clip, >= 0 (0 and a zero {@code nonScreamShare} = none)
 * @param nonScreamShare probability that a non-scream clip gets a variant, in [0, 1]
 * @param minGainDb      lowest gain in dB (e.g. -20)
 * @param maxGainDb      highest gain in dB (e.g. +6); samples are clipped to [-1, 1] as a recorder would
 * @param snrDb          signal-to-noise ratios in dB to draw from (e.g. 0, 5, 10, 20); empty = no noise
 * @param noiseShare     probability of added noise, in [0, 1]
 * @param telephoneShare probability of the telephone band, in [0, 1]
 * @param reverbShare    probability of reverberation, in [0, 1]
 */
public record Augmentation(int screamCopies, double nonScreamShare, double minGainDb, double maxGainDb,
                           double[] snrDb, double noiseShare, double telephoneShare, double reverbShare) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0, new double[0], 0, 0, 0);

    /** Validates every field and names the bad value. */
    public Augmentation {
        if (screamCopies < 0) {
            throw new IllegalArgumentException("--augment (scream copies) must be >= 0, got " + screamCopies);
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
        requireShare("--augment-non-screams", nonScreamShare);
        requireShare("--augment-noise", noiseShare);
        requireShare("--augment-telephone", telephoneShare);
        requireShare("--augment-reverb", reverbShare);
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + share);
        }
    }

    /** Whether any variants are made. */
    public boolean enabled() {
        return screamCopies > 0 || nonScreamShare > 0;
    }

    @Override
    public double[] snrDb() {
        return snrDb.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Augmentation a && screamCopies == a.screamCopies && nonScreamShare == a.nonScreamShare
                && minGainDb == a.minGainDb && maxGainDb == a.maxGainDb && Arrays.equals(snrDb, a.snrDb)
                && noiseShare == a.noiseShare && telephoneShare == a.telephoneShare && reverbShare == a.reverbShare;
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(screamCopies) + Arrays.hashCode(snrDb) + Double.hashCode(telephoneShare);
    }

    @Override
    public String toString() {
        return !enabled() ? "none" : String.format(java.util.Locale.ROOT,
                "%d variants per scream clip, one per non-scream clip with probability %.2f; gain %.0f..%.0f dB, "
                        + "shift < 1 hop; noise (SNR %s dB) with probability %.2f, telephone band %.2f, room reverb %.2f",
                screamCopies, nonScreamShare, minGainDb, maxGainDb, Arrays.toString(snrDb), noiseShare,
                telephoneShare, reverbShare);
    }
}
