package io.screamguard.core.features;

/**
 * Spectral flux of a window: how far the spectral envelope moves from one frame to the next, as
 * the Euclidean distance between consecutive frames' MFCC vectors without MFCC 0. The MFCCs are
 * the orthonormal DCT of the frame's log-mel spectrum (dB), so the distance is the dB distance
 * between the two log-mel spectra as far as the kept MFCCs describe them, and leaving out MFCC 0
 * (the overall level) makes it independent of gain. A sustained scream or tone moves little; a
 * laugh, a sob or speech, alternating voiced bursts, breaths and pauses, moves a lot.
 */
final class SpectralFlux {
    private SpectralFlux() {
    }

    /**
     * @param frames the ring of frame rows (row {@code i} of the window is {@code frames[(first + i) % frames.length]})
     * @param first ring index of the window's first frame
     * @param count frames in the window, >= 1
     * @param mfccOffset column of MFCC 0
     * @param nMfcc MFCCs per row; MFCC 1 .. nMfcc - 1 are compared
     * @param distancesDb receives the {@code count - 1} distances (dB), at least {@code count - 1} long
     * @return the number of distances, {@code count - 1} (0 for a one-frame window)
     */
    static int frameDistancesDb(double[][] frames, int first, int count, int mfccOffset, int nMfcc,
                                double[] distancesDb) {
        for (int i = 1; i < count; i++) {
            double[] previous = frames[(first + i - 1) % frames.length];
            double[] row = frames[(first + i) % frames.length];
            double squares = 0.0;
            for (int k = 1; k < nMfcc; k++) {
                double d = row[mfccOffset + k] - previous[mfccOffset + k];
                squares += d * d;
            }
            distancesDb[i - 1] = Math.sqrt(squares);
        }
        return Math.max(0, count - 1);
    }
}
