package io.screamguard.core.audio;

import java.io.ByteArrayOutputStream;

/**
 * Writes small FLAC streams bit by bit for tests, with the subframe codings chosen by the test
 * (the encoders at hand never write some of them: escape-coded partitions, 12 and 20-bit samples,
 * 8-bit block size and 8/16-bit rate codes). Its CRCs are computed bit by bit, independently of
 * the decoder's tables. Not a general encoder: the caller picks every coding.
 */
final class FlacWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long acc;
    private int accBits;
    private int frameStart;

    /** "fLaC", STREAMINFO, then a PADDING block of {@code paddingBytes} (skipped by the decoder). */
    FlacWriter(int rateHz, int channels, int bits, long totalSamples, int paddingBytes) {
        write(0x664C6143, 32);
        write(0, 1);
        write(0, 7);
        write(34, 24);
        write(16, 16);
        write(65535, 16);
        write(0, 24);
        write(0, 24);
        write(rateHz, 20);
        write(channels - 1, 3);
        write(bits - 1, 5);
        write(totalSamples >>> 32, 4);
        write(totalSamples & 0xFFFFFFFFL, 32);
        for (int i = 0; i < 16; i++) {
            write(0, 8);
        }
        write(1, 1);
        write(1, 7);
        write(paddingBytes, 24);
        for (int i = 0; i < paddingBytes; i++) {
            write(0, 8);
        }
    }

    /**
     * A frame header: block size and rate as coded, channel assignment and bit depth codes, then
     * the frame number in the UTF-8-like coding.
     */
    FlacWriter frameHeader(int blockSizeCode, int blockSize, int rateCode, int rateValue, int channelCode, int bitsCode,
            long frameNumber) {
        frameStart = out.size();
        write(0xFFF8, 16);
        write(blockSizeCode, 4);
        write(rateCode, 4);
        write(channelCode, 4);
        write(bitsCode, 3);
        write(0, 1);
        writeCodedNumber(frameNumber);
        if (blockSizeCode == 6) {
            write(blockSize - 1, 8);
        } else if (blockSizeCode == 7) {
            write(blockSize - 1, 16);
        }
        if (rateCode == 12) {
            write(rateValue, 8);
        } else if (rateCode == 13 || rateCode == 14) {
            write(rateValue, 16);
        }
        write(crc(8, 0x07, frameStart), 8);
        return this;
    }

    /** Zero padding to the byte and the CRC-16. */
    FlacWriter endFrame() {
        if (accBits % 8 != 0) {
            write(0, 8 - accBits % 8);
        }
        write(crc(16, 0x8005, frameStart), 16);
        return this;
    }

    FlacWriter verbatim(int[] s, int bits) {
        write(1, 8 - 1);
        write(0, 1);
        for (int v : s) {
            write(v, bits);
        }
        return this;
    }

    FlacWriter constant(int value, int bits, int wasted) {
        write(0, 7);
        writeWasted(wasted);
        write(value >> wasted, bits - wasted);
        return this;
    }

    /**
     * A FIXED subframe of the given order; residual partitions of {@code partitionOrder}, each with
     * the Rice parameter in {@code parameters} (the escape value means raw samples of
     * {@code escapeBits}); {@code fiveBit} picks the 5-bit parameter coding.
     */
    FlacWriter fixed(int[] s, int bits, int wasted, int order, boolean fiveBit, int partitionOrder, int[] parameters,
            int escapeBits) {
        write(8 + order, 7);
        writeWasted(wasted);
        int[] shifted = shift(s, wasted);
        for (int i = 0; i < order; i++) {
            write(shifted[i], bits - wasted);
        }
        int[] residual = new int[s.length];
        for (int i = order; i < s.length; i++) {
            residual[i] = shifted[i] - fixedPrediction(shifted, i, order);
        }
        writeResidual(residual, order, fiveBit, partitionOrder, parameters, escapeBits);
        return this;
    }

    /** An LPC subframe with the given quantised coefficients, precision and shift; one Rice partition. */
    FlacWriter lpc(int[] s, int bits, int[] coefficients, int precision, int shift, int parameter) {
        int order = coefficients.length;
        write(0x20 + order - 1, 7);
        write(0, 1);
        for (int i = 0; i < order; i++) {
            write(s[i], bits);
        }
        write(precision - 1, 4);
        write(shift, 5);
        for (int c : coefficients) {
            write(c, precision);
        }
        int[] residual = new int[s.length];
        for (int i = order; i < s.length; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += (long) coefficients[j] * s[i - 1 - j];
            }
            residual[i] = s[i] - (int) (sum >> shift);
        }
        writeResidual(residual, order, false, 0, new int[] {parameter}, 0);
        return this;
    }

    byte[] bytes() {
        if (accBits != 0) {
            throw new IllegalStateException("not at a byte boundary");
        }
        return out.toByteArray();
    }

    private void writeResidual(int[] residual, int order, boolean fiveBit, int partitionOrder, int[] parameters,
            int escapeBits) {
        write(fiveBit ? 1 : 0, 2);
        write(partitionOrder, 4);
        int escape = fiveBit ? 31 : 15;
        int per = residual.length >> partitionOrder;
        int i = order;
        for (int p = 0; p < 1 << partitionOrder; p++) {
            int parameter = parameters[p];
            write(parameter, fiveBit ? 5 : 4);
            if (parameter == escape) {
                write(escapeBits, 5);
            }
            for (int end = (p + 1) * per; i < end; i++) {
                if (parameter == escape) {
                    write(residual[i], escapeBits);
                } else {
                    long folded = residual[i] >= 0 ? 2L * residual[i] : -2L * residual[i] - 1;
                    long quotient = folded >>> parameter;
                    for (long q = 0; q < quotient; q++) {
                        write(0, 1);
                    }
                    write(1, 1);
                    write(folded & ((1L << parameter) - 1), parameter);
                }
            }
        }
    }

    private static int fixedPrediction(int[] s, int i, int order) {
        switch (order) {
            case 0:
                return 0;
            case 1:
                return s[i - 1];
            case 2:
                return 2 * s[i - 1] - s[i - 2];
            case 3:
                return 3 * s[i - 1] - 3 * s[i - 2] + s[i - 3];
            default:
                return 4 * s[i - 1] - 6 * s[i - 2] + 4 * s[i - 3] - s[i - 4];
        }
    }

    private static int[] shift(int[] s, int wasted) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] >> wasted;
        }
        return out;
    }

    private void writeWasted(int wasted) {
        if (wasted == 0) {
            write(0, 1);
            return;
        }
        write(1, 1);
        for (int i = 1; i < wasted; i++) {
            write(0, 1);
        }
        write(1, 1);
    }

    private void writeCodedNumber(long n) {
        if (n < 0x80) {
            write(n, 8);
            return;
        }
        int bytes = 2;
        while (n >= 1L << (5 * bytes + 1)) {
            bytes++;
        }
        write(((0xFF00 >> bytes) & 0xFF) | (n >>> (6 * (bytes - 1))), 8);
        for (int k = bytes - 2; k >= 0; k--) {
            write(0x80 | ((n >>> (6 * k)) & 0x3F), 8);
        }
    }

    private void write(long value, int n) {
        for (int b = n - 1; b >= 0; b--) {
            acc = acc << 1 | ((value >>> b) & 1);
            accBits++;
            if (accBits % 8 == 0) {
                out.write((int) (acc & 0xFF));
                accBits = 0;
            }
        }
    }

    /** A CRC computed one bit at a time over the bytes written since {@code from}. */
    private int crc(int width, int polynomial, int from) {
        byte[] b = out.toByteArray();
        int crc = 0;
        int top = 1 << (width - 1);
        for (int i = from; i < b.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean in = ((b[i] >> bit) & 1) != 0;
                boolean high = (crc & top) != 0;
                crc = (crc << 1) & ((1 << width) - 1);
                if (in ^ high) {
                    crc ^= polynomial;
                }
            }
        }
        return crc;
    }
}
