package io.screamguard.core.features;

/**
 * The pitch of a window's voiced frames as a contour: its height, its range and its slope.
 * Screams sit high (often above 500 Hz) and are sustained or slowly gliding; laughter and sobs
 * repeat short, falling syllables; yawns and moans are low and glide down.
 *
 * <p>Pitches are in semitones above 55 Hz (A1) so that every octave weighs the same.
 */
final class PitchContour {
    /** Reference of the semitone scale: A1. */
    static final double REFERENCE_HZ = 55.0;
    /** Fewer voiced frames than this give a slope of 0. */
    static final int MIN_FRAMES_FOR_SLOPE = 3;

    private PitchContour() {
    }

    /** @return semitones above 55 Hz; 12 per octave */
    static double semitones(double hz) {
        return 12.0 * Math.log(hz / REFERENCE_HZ) / Math.log(2.0);
    }

    /** @return the frequency in Hz of {@code semitones} above 55 Hz */
    static double hz(double semitones) {
        return REFERENCE_HZ * Math.pow(2.0, semitones / 12.0);
    }

    /**
     * Least-squares slope of pitch against time.
     *
     * @param timesSeconds frame times (any origin), {@code n} values
     * @param semitones pitch of those frames in semitones, {@code n} values
     * @param n number of voiced frames
     * @return the slope in semitones per second (12 for a glide of one octave per second);
     *     0 when {@code n < 3} or all times are equal
     */
    static double slopeSemitonesPerSecond(double[] timesSeconds, double[] semitones, int n) {
        if (n < MIN_FRAMES_FOR_SLOPE) {
            return 0.0;
        }
        double meanT = 0.0;
        double meanS = 0.0;
        for (int i = 0; i < n; i++) {
            meanT += timesSeconds[i];
            meanS += semitones[i];
        }
        meanT /= n;
        meanS /= n;
        double covariance = 0.0;
        double variance = 0.0;
        for (int i = 0; i < n; i++) {
            double dt = timesSeconds[i] - meanT;
            covariance += dt * (semitones[i] - meanS);
            variance += dt * dt;
        }
        return variance > 0 ? covariance / variance : 0.0;
    }
}
