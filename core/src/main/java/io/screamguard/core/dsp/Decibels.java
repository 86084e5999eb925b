package io.screamguard.core.dsp;

/** Power to decibel conversion, {@code librosa.power_to_db}. */
public final class Decibels {
    /** librosa's default floor on power before the logarithm. */
    public static final double DEFAULT_AMIN = 1e-10;
    /** librosa's default dynamic range kept below the maximum, in dB. */
    public static final double DEFAULT_TOP_DB = 80.0;

    private Decibels() {
    }

    /**
     * {@code 10 log10(max(amin, power))} with a reference of 1.0.
     *
     * @param power a power (or, as librosa's spectral contrast does, a magnitude)
     * @param amin floor, > 0
     * @return decibels
     */
    public static double powerToDb(double power, double amin) {
        return 10.0 * Math.log10(Math.max(amin, power));
    }

    /**
     * Converts every value of {@code values} to dB in place and clips everything below
     * {@code max - topDb} (the maximum over the whole array), as {@code power_to_db(ref=1.0,
     * amin, top_db)} does.
     *
     * @param values {@code [rows][columns]} powers, replaced by dB values
     * @param amin floor on the power, > 0
     * @param topDb dynamic range kept, > 0
     */
    public static void powerToDbInPlace(double[][] values, double amin, double topDb) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (int i = 0; i < row.length; i++) {
                row[i] = powerToDb(row[i], amin);
                max = Math.max(max, row[i]);
            }
        }
        double floor = max - topDb;
        for (double[] row : values) {
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.max(row[i], floor);
            }
        }
    }
}
