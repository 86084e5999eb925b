package io.screamguard.core.features;

/**
 * Harmonic-to-noise ratio from a frame's voicing: with {@code r} the normalised autocorrelation at
 * the pitch lag ({@link Periodicity}), the periodic part of the frame has {@code r} of its energy
 * and the rest {@code 1 - r}, so {@code HNR = 10 log10(r / (1 - r))} dB (Boersma 1993, "Accurate
 * short-term analysis of the fundamental frequency and the harmonics-to-noise ratio of a sampled
 * sound"). Screams are harsh but mostly periodic; sobs, moans with breath and yawns carry more
 * noise. Independent of gain (voicing is).
 */
final class Harmonicity {
    /** Voicing is clipped to [MIN_VOICING, MAX_VOICING] so the ratio stays finite: HNR in [-30, 30] dB. */
    static final double MIN_VOICING = 1e-3;
    static final double MAX_VOICING = 0.999;

    private Harmonicity() {
    }

    /**
     * @param voicing normalised autocorrelation at the pitch lag, 0..1 (values outside are clipped)
     * @return the harmonic-to-noise ratio in dB: 0 at voicing 0.5, 9.54 at 0.9, 20 at 0.990,
     *     -29.99 for silence or voicing 0, 29.99 at most
     */
    static double hnrDb(double voicing) {
        double r = Math.max(MIN_VOICING, Math.min(MAX_VOICING, voicing));
        return 10.0 * Math.log10(r / (1.0 - r));
    }
}
