package io.screamguard.core.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the frame rows of one window into the summary vector. The names of the vector are
 * produced by the very code that produces its values (every value is emitted together with its
 * name), so {@link FeatureSchema} cannot drift from the vector.
 *
 * <p>Statistics over the frames of the window (population standard deviation):
 * <ul>
 *   <li>{@code mfccK_mean} for K >= 1 (MFCC 0 is the overall level, so its mean is left out:
 *       recording levels differ), {@code mfccK_std} and {@code mfccK_delta_rms} (root mean square
 *       of the frame-to-frame change) for every K</li>
 *   <li>{@code chroma_P_mean}, {@code chroma_P_std} for the 12 pitch classes C .. B</li>
 *   <li>{@code zcr_mean}, {@code zcr_std}</li>
 *   <li>{@code rms_mean}, {@code rms_std} (level dependent), and the level-free {@code rms_cv}
 *       (std / mean), {@code rms_peak_to_mean_db} and {@code rms_p90_to_p10_db}</li>
 *   <li>{@code centroid_hz_*}, {@code bandwidth_hz_*}, {@code rolloff_hz_*}, {@code flatness_*}
 *       and {@code contrastB_db_*}, each {@code mean} and {@code std}</li>
 *   <li>periodicity: {@code voicing_mean}, {@code voicing_std} (normalised autocorrelation at the
 *       pitch lag), {@code voiced_fraction} (frames with voicing >= 0.6), and over the voiced
 *       frames {@code pitch_voiced_hz_mean} (geometric mean, Hz) and
 *       {@code pitch_voiced_semitones_std}; both 0 when no frame is voiced</li>
 * </ul>
 * Added in {@code sg-features-2}, after the values above (whose names and values did not change):
 * <ul>
 *   <li>{@code roughness_mean}, {@code roughness_std}: the frames' 30-150 Hz amplitude-modulation
 *       index ({@link Roughness}; about d for d-deep modulation, 0 for a steady tone)</li>
 *   <li>{@code spectral_flux_db_mean}, {@code spectral_flux_db_std}: Euclidean distance between
 *       consecutive frames' MFCCs 1 .. nMfcc-1 ({@link SpectralFlux}; dB of log-mel spectrum, 0
 *       for a steady sound)</li>
 *   <li>{@code hnr_db_mean}, {@code hnr_db_p90}: harmonic-to-noise ratio of every frame from its
 *       voicing, {@code 10 log10(r / (1 - r))} with r clipped to [0.001, 0.999] ({@link Harmonicity};
 *       -30 .. 30 dB, 0 dB at voicing 0.5)</li>
 *   <li>over the voiced frames ({@link PitchContour}): {@code pitch_voiced_hz_p90} (Hz),
 *       {@code pitch_voiced_semitones_range} (p90 - p10, semitones) and
 *       {@code pitch_slope_semitones_per_s} (least-squares slope against frame time); all 0 when
 *       no frame is voiced, the slope 0 below 3 voiced frames</li>
 *   <li>{@code syllable_mod_ratio}, {@code syllable_mod_depth}: share of the frame RMS envelope's
 *       1-20 Hz modulation power at 3-8 Hz, and that band's amplitude over the mean RMS
 *       ({@link SyllableRate}; laughter's bursts at 4-6 Hz give a high ratio)</li>
 * </ul>
 * Every added value is independent of gain.
 *
 * <p>Immutable and thread-safe: one instance per {@link FeaturePlan}, shared by every extractor.
 */
final class WindowSummarizer {
    /** Floor on frame RMS before taking decibels: -100 dBFS. */
    static final double RMS_FLOOR = 1e-5;
    /** Frames whose normalised autocorrelation reaches this count as voiced (periodic). */
    static final double VOICED = 0.6;
    /** Every summary value built from the chroma columns, and only those, starts with this. */
    static final String CHROMA_PREFIX = "chroma_";
    /** Every summary value built from the spectral contrast columns, and only those, starts with this. */
    static final String CONTRAST_PREFIX = "contrast";
    private static final String[] PITCH_CLASSES = {"C", "Cs", "D", "Ds", "E", "F", "Fs", "G", "Gs", "A", "As", "B"};

    /** Receives the summary one named value at a time. */
    interface Emitter {
        void emit(String name, double value);
    }

    private final FeaturePlan layout;
    private final String[] mfccMean;
    private final String[] mfccStd;
    private final String[] mfccDelta;
    private final String[] chromaMean;
    private final String[] chromaStd;
    private final String[] contrastMean;
    private final String[] contrastStd;

    WindowSummarizer(FeaturePlan layout) {
        this.layout = layout;
        int nMfcc = layout.config.nMfcc();
        mfccMean = new String[nMfcc];
        mfccStd = new String[nMfcc];
        mfccDelta = new String[nMfcc];
        for (int k = 0; k < nMfcc; k++) {
            mfccMean[k] = "mfcc" + k + "_mean";
            mfccStd[k] = "mfcc" + k + "_std";
            mfccDelta[k] = "mfcc" + k + "_delta_rms";
        }
        chromaMean = new String[PITCH_CLASSES.length];
        chromaStd = new String[PITCH_CLASSES.length];
        for (int c = 0; c < PITCH_CLASSES.length; c++) {
            chromaMean[c] = CHROMA_PREFIX + PITCH_CLASSES[c] + "_mean";
            chromaStd[c] = CHROMA_PREFIX + PITCH_CLASSES[c] + "_std";
        }
        int rows = layout.contrastRows();
        contrastMean = new String[rows];
        contrastStd = new String[rows];
        for (int b = 0; b < rows; b++) {
            contrastMean[b] = CONTRAST_PREFIX + b + "_db_mean";
            contrastStd[b] = CONTRAST_PREFIX + b + "_db_std";
        }
    }

    /** @return the names of the summary in order, derived by running the summary on silence */
    List<String> names() {
        double[][] silent = new double[2][layout.width];
        List<String> names = new ArrayList<>();
        summarize(silent, 0, 2, (name, value) -> names.add(name));
        return names;
    }

    /**
     * Emits the summary of {@code count} frame rows starting at {@code first} in the ring
     * {@code frames} (row {@code i} of the window is {@code frames[(first + i) % frames.length]}).
     */
    void summarize(double[][] frames, int first, int count, Emitter out) {
        if (count < 1) {
            throw new IllegalArgumentException("a window needs at least one frame, got " + count);
        }
        if (first + count > frames.length) {
            // the window wraps around the ring: an ordered view of its rows (count references), so
            // that every statistic below indexes rows directly instead of taking a remainder per value
            double[][] ordered = new double[count][];
            for (int i = 0; i < count; i++) {
                ordered[i] = frames[(first + i) % frames.length];
            }
            frames = ordered;
            first = 0;
        }
        FeaturePlan l = layout;
        int nMfcc = l.config.nMfcc();
        ColumnStats stats = new ColumnStats(frames, first, count, l.mfccOffset, nMfcc);
        for (int k = 1; k < nMfcc; k++) {
            out.emit(mfccMean[k], stats.mean[l.mfccOffset + k]);
        }
        for (int k = 0; k < nMfcc; k++) {
            out.emit(mfccStd[k], stats.std[l.mfccOffset + k]);
        }
        for (int k = 0; k < nMfcc; k++) {
            out.emit(mfccDelta[k], stats.deltaRms[l.mfccOffset + k]);
        }
        for (int c = 0; c < chromaMean.length; c++) {
            out.emit(chromaMean[c], stats.mean[l.chromaOffset + c]);
        }
        for (int c = 0; c < chromaStd.length; c++) {
            out.emit(chromaStd[c], stats.std[l.chromaOffset + c]);
        }
        out.emit("zcr_mean", stats.mean[l.zcrIndex]);
        out.emit("zcr_std", stats.std[l.zcrIndex]);
        rms(frames, first, count, stats, out);
        meanAndStd(stats, l.centroidIndex, "centroid_hz_mean", "centroid_hz_std", out);
        meanAndStd(stats, l.bandwidthIndex, "bandwidth_hz_mean", "bandwidth_hz_std", out);
        meanAndStd(stats, l.rolloffIndex, "rolloff_hz_mean", "rolloff_hz_std", out);
        meanAndStd(stats, l.flatnessIndex, "flatness_mean", "flatness_std", out);
        for (int b = 0; b < contrastMean.length; b++) {
            meanAndStd(stats, l.contrastOffset + b, contrastMean[b], contrastStd[b], out);
        }
        // the voiced frames' pitches in semitones, taken once for the pitch statistics and the contour
        double[] timesSeconds = new double[count];
        double[] semitones = new double[count];
        int voiced = voicedSemitones(frames, first, count, timesSeconds, semitones);
        pitch(stats, count, semitones, voiced, out);
        roughness(stats, out);
        spectralFlux(frames, first, count, out);
        harmonicity(frames, first, count, out);
        pitchContour(timesSeconds, semitones, voiced, out);
        syllableRate(frames, first, count, out);
    }

    /**
     * Writes the time (s, from the window's first frame) and the pitch in semitones of every voiced
     * frame, in time order, and returns their number.
     */
    private int voicedSemitones(double[][] frames, int first, int count, double[] timesSeconds, double[] semitones) {
        double secondsPerFrame = layout.config.hopLength() / (double) layout.config.sampleRate();
        int voiced = 0;
        for (int i = 0; i < count; i++) {
            double[] row = frames[first + i];
            if (row[layout.voicingIndex] >= VOICED) {
                timesSeconds[voiced] = i * secondsPerFrame;
                semitones[voiced] = PitchContour.semitones(row[layout.pitchIndex]);
                voiced++;
            }
        }
        return voiced;
    }

    private void roughness(ColumnStats stats, Emitter out) {
        meanAndStd(stats, layout.roughnessIndex, "roughness_mean", "roughness_std", out);
    }

    private void spectralFlux(double[][] frames, int first, int count, Emitter out) {
        double[] distances = new double[count];
        int n = SpectralFlux.frameDistancesDb(frames, first, count, layout.mfccOffset, layout.config.nMfcc(), distances);
        double mean = 0.0;
        for (int i = 0; i < n; i++) {
            mean += distances[i];
        }
        mean = n > 0 ? mean / n : 0.0;
        double squares = 0.0;
        for (int i = 0; i < n; i++) {
            double d = distances[i] - mean;
            squares += d * d;
        }
        out.emit("spectral_flux_db_mean", mean);
        out.emit("spectral_flux_db_std", n > 0 ? Math.sqrt(squares / n) : 0.0);
    }

    private void harmonicity(double[][] frames, int first, int count, Emitter out) {
        double[] hnr = new double[count];
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            hnr[i] = Harmonicity.hnrDb(frames[first + i][layout.voicingIndex]);
            sum += hnr[i];
        }
        Arrays.sort(hnr);
        out.emit("hnr_db_mean", sum / count);
        out.emit("hnr_db_p90", percentile(hnr, count, 0.9));
    }

    /** Sorts {@code semitones[0, voiced)} (after the slope is taken). */
    private static void pitchContour(double[] timesSeconds, double[] semitones, int voiced, Emitter out) {
        double slope = PitchContour.slopeSemitonesPerSecond(timesSeconds, semitones, voiced);
        double p90 = 0.0;
        double range = 0.0;
        if (voiced > 0) {
            Arrays.sort(semitones, 0, voiced);
            double high = percentile(semitones, voiced, 0.9);
            p90 = PitchContour.hz(high);
            range = high - percentile(semitones, voiced, 0.1);
        }
        out.emit("pitch_voiced_hz_p90", p90);
        out.emit("pitch_voiced_semitones_range", range);
        out.emit("pitch_slope_semitones_per_s", slope);
    }

    private void syllableRate(double[][] frames, int first, int count, Emitter out) {
        double[] rms = new double[count];
        for (int i = 0; i < count; i++) {
            rms[i] = frames[first + i][layout.rmsIndex];
        }
        double[] ratioAndDepth = new double[2];
        SyllableRate.ratioAndDepth(rms, count, layout.config.sampleRate() / (double) layout.config.hopLength(),
                ratioAndDepth);
        out.emit("syllable_mod_ratio", ratioAndDepth[0]);
        out.emit("syllable_mod_depth", ratioAndDepth[1]);
    }

    private void pitch(ColumnStats stats, int count, double[] semitones, int voiced, Emitter out) {
        int voicing = layout.voicingIndex;
        double sum = 0.0;
        for (int i = 0; i < voiced; i++) {
            sum += semitones[i];
        }
        double mean = voiced > 0 ? sum / voiced : 0.0;
        double squares = 0.0;
        for (int i = 0; i < voiced; i++) {
            double d = semitones[i] - mean;
            squares += d * d;
        }
        out.emit("voicing_mean", stats.mean[voicing]);
        out.emit("voicing_std", stats.std[voicing]);
        out.emit("voiced_fraction", voiced / (double) count);
        out.emit("pitch_voiced_hz_mean", voiced > 0 ? PitchContour.hz(mean) : 0.0);
        out.emit("pitch_voiced_semitones_std", voiced > 0 ? Math.sqrt(squares / voiced) : 0.0);
    }

    private void rms(double[][] frames, int first, int count, ColumnStats stats, Emitter out) {
        int column = layout.rmsIndex;
        double mean = stats.mean[column];
        double std = stats.std[column];
        double[] rmsScratch = new double[count];
        double max = 0.0;
        for (int i = 0; i < count; i++) {
            double v = frames[first + i][column];
            rmsScratch[i] = v;
            max = Math.max(max, v);
        }
        Arrays.sort(rmsScratch, 0, count);
        double p90 = percentile(rmsScratch, count, 0.9);
        double p10 = percentile(rmsScratch, count, 0.1);
        out.emit("rms_mean", mean);
        out.emit("rms_std", std);
        out.emit("rms_cv", mean > RMS_FLOOR ? std / mean : 0.0);
        out.emit("rms_peak_to_mean_db", db(max) - db(mean));
        out.emit("rms_p90_to_p10_db", db(p90) - db(p10));
    }

    private static double db(double rms) {
        return 20.0 * Math.log10(Math.max(RMS_FLOOR, rms));
    }

    /** numpy's default (linear) percentile of the first {@code n} sorted values. */
    static double percentile(double[] sorted, int n, double fraction) {
        double position = fraction * (n - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, n - 1);
        double weight = position - below;
        return sorted[below] + (sorted[above] - sorted[below]) * weight;
    }

    private static void meanAndStd(ColumnStats stats, int column, String meanName, String stdName, Emitter out) {
        out.emit(meanName, stats.mean[column]);
        out.emit(stdName, stats.std[column]);
    }

    /**
     * The mean and population standard deviation of every column of a window's rows, and the
     * frame-to-frame change (root mean square) of the MFCC columns. All columns are summed in one
     * pass over the rows (a loop over a row's columns, which the JIT vectorises, instead of a chain
     * of additions per column); each column's sums run over the rows in order, so every value has
     * the bits of {@link #mean}, {@link #std} and {@link #deltaRms}.
     */
    static final class ColumnStats {
        final double[] mean;
        final double[] std;
        final double[] deltaRms;

        ColumnStats(double[][] frames, int first, int count, int mfccOffset, int nMfcc) {
            int width = frames[first].length;
            double[] sums = new double[width];
            for (int i = 0; i < count; i++) {
                double[] row = frames[first + i];
                for (int c = 0; c < width; c++) {
                    sums[c] += row[c];
                }
            }
            mean = new double[width];
            for (int c = 0; c < width; c++) {
                mean[c] = sums[c] / count;
            }
            double[] squares = new double[width];
            for (int i = 0; i < count; i++) {
                double[] row = frames[first + i];
                for (int c = 0; c < width; c++) {
                    double d = row[c] - mean[c];
                    squares[c] += d * d;
                }
            }
            std = new double[width];
            for (int c = 0; c < width; c++) {
                std[c] = Math.sqrt(squares[c] / count);
            }
            deltaRms = new double[width];
            if (count >= 2) {
                double[] changes = new double[nMfcc];
                for (int i = 1; i < count; i++) {
                    double[] previous = frames[first + i - 1];
                    double[] row = frames[first + i];
                    for (int k = 0; k < nMfcc; k++) {
                        double d = row[mfccOffset + k] - previous[mfccOffset + k];
                        changes[k] += d * d;
                    }
                }
                for (int k = 0; k < nMfcc; k++) {
                    deltaRms[mfccOffset + k] = Math.sqrt(changes[k] / (count - 1));
                }
            }
        }
    }

    /** The mean of one column of rows {@code first .. first + count - 1} (no wrap-around). */
    static double mean(double[][] frames, int first, int count, int column) {
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            sum += frames[first + i][column];
        }
        return sum / count;
    }

    /** The population standard deviation of one column of rows {@code first .. first + count - 1}. */
    static double std(double[][] frames, int first, int count, int column) {
        double mean = mean(frames, first, count, column);
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            double d = frames[first + i][column] - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / count);
    }

    /** The root mean square frame-to-frame change of one column of rows {@code first .. first + count - 1}. */
    static double deltaRms(double[][] frames, int first, int count, int column) {
        if (count < 2) {
            return 0.0;
        }
        double sum = 0.0;
        double previous = frames[first][column];
        for (int i = 1; i < count; i++) {
            double v = frames[first + i][column];
            double d = v - previous;
            sum += d * d;
            previous = v;
        }
        return Math.sqrt(sum / (count - 1));
    }
}
