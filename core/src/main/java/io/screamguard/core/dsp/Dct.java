package io.screamguard.core.dsp;

/** The orthonormal DCT-II, {@code scipy.fftpack.dct(x, type=2, norm="ortho")}, as a matrix. */
public final class Dct {
    private Dct() {
    }

    /**
     * The first {@code outputs} rows of the orthonormal DCT-II matrix of size {@code inputs}:
     * {@code D[k][n] = s_k cos(pi k (2n + 1) / (2 inputs))} with {@code s_0 = sqrt(1 / inputs)}
     * and {@code s_k = sqrt(2 / inputs)} otherwise.
     *
     * @param outputs number of coefficients kept (e.g. 13 or 20 MFCCs), 1 to {@code inputs}
     * @param inputs input length (e.g. the number of mel bands)
     * @return the matrix {@code [outputs][inputs]}
     */
    public static double[][] orthonormalMatrix(int outputs, int inputs) {
        if (inputs < 1 || outputs < 1 || outputs > inputs) {
            throw new IllegalArgumentException("need 1 <= outputs <= inputs, got outputs=" + outputs
                    + ", inputs=" + inputs);
        }
        double[][] d = new double[outputs][inputs];
        for (int k = 0; k < outputs; k++) {
            double scale = k == 0 ? Math.sqrt(1.0 / inputs) : Math.sqrt(2.0 / inputs);
            for (int n = 0; n < inputs; n++) {
                d[k][n] = scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * inputs));
            }
        }
        return d;
    }

    /**
     * {@code out = matrix * x}.
     *
     * @param matrix {@code [outputs][inputs]}
     * @param x {@code inputs} values
     * @param out receives {@code outputs} values
     */
    public static void apply(double[][] matrix, double[] x, double[] out) {
        for (int k = 0; k < matrix.length; k++) {
            double[] row = matrix[k];
            double acc = 0.0;
            for (int n = 0; n < row.length; n++) {
                acc += row[n] * x[n];
            }
            out[k] = acc;
        }
    }
}
