package io.screamguard.core.audio;

import java.io.IOException;

/**
 * Decodes FLAC frames one at a time into integer samples per channel, after RFC 9639 sections 9
 * and 10: frame headers (every block-size and sample-rate code, the UTF-8-like coded frame or
 * sample number, CRC-8), subframes CONSTANT, VERBATIM, FIXED (orders 0-4) and LPC (orders 1-32),
 * wasted bits, Rice partitions with 4- and 5-bit parameters and escape codes, the stereo
 * decorrelation modes (left/side, side/right, mid/side) and the frame's CRC-16.
 *
 * <p>Arithmetic: FIXED prediction runs in {@code int}: its coefficients are integers without a
 * shift, so wrap-around gives the exact sample whenever the sample itself fits 32 bits, which the
 * format guarantees. LPC sums run in {@code long} (up to 32 coefficients of 15 bits times samples of
 * 33 bits fit 63 bits), as the quantised prediction is shifted and cannot be computed modulo 2^32;
 * on a 64-bit JVM the scalar long multiply costs what the int one does.
 *
 * <p>Errors: a structural error or a checksum mismatch throws CORRUPT naming the frame and its
 * byte offset; the end of the input inside a frame throws {@link java.io.EOFException} for the
 * caller to report as truncation. Memory: one int array per channel of the largest block seen
 * (at most 8 x 65535). Not thread-safe; one instance per decode.
 */
final class FlacFrameDecoder {

    /** Returned by {@link #next()} when the bytes at a frame boundary are not a frame sync code. */
    static final int NO_SYNC = -1;
    private static final int MAX_BLOCK_SIZE = 65535;
    private static final int MAX_LPC_ORDER = 32;

    private final FlacBitReader in;
    private final FlacStreamInfo info;
    private final String format;
    private final int[] coefficients = new int[MAX_LPC_ORDER];
    private int[][] samples;
    private long frameIndex;
    private long frameOffset;

    FlacFrameDecoder(FlacBitReader in, FlacStreamInfo info, String format) {
        this.in = in;
        this.info = info;
        this.format = format;
        this.samples = new int[info.channels()][0];
    }

    /** The samples of channel {@code c} of the last frame (valid up to the returned block size). */
    int[] channel(int c) {
        return samples[c];
    }

    /** Frames decoded so far. */
    long frames() {
        return frameIndex;
    }

    /** The stream offset of the current frame's first byte. */
    long frameOffset() {
        return frameOffset;
    }

    /**
     * Decodes the next frame.
     *
     * @return its block size (samples per channel), 0 at the end of the input, or {@link #NO_SYNC}
     *     when the next bytes are not a frame (trailing data, or lost sync: the caller decides)
     * @throws java.io.EOFException   when the input ends inside the frame
     * @throws AudioDecodeException CORRUPT on a malformed frame or a checksum mismatch
     */
    int next() throws IOException, AudioDecodeException {
        in.alignToByte();
        if (in.atEnd()) {
            return 0;
        }
        frameOffset = in.byteOffset();
        in.startCrc();
        int sync = in.readBits(16);
        if ((sync & 0xFFFE) != 0xFFF8) {
            return NO_SYNC;
        }
        int blockSizeCode = in.readBits(4);
        int rateCode = in.readBits(4);
        int channelCode = in.readBits(4);
        int bitsCode = in.readBits(3);
        if (in.readBits(1) != 0) {
            throw corrupt("has its reserved header bit set");
        }
        readCodedNumber();
        int blockSize = blockSize(blockSizeCode);
        skipRate(rateCode);
        int headerCrc = in.crc8();
        if (in.readBits(8) != headerCrc) {
            throw corrupt("fails its header CRC-8 check");
        }
        int channels = channelCode < 8 ? channelCode + 1 : 2;
        if (channelCode > 10) {
            throw corrupt("has the reserved channel assignment " + channelCode);
        }
        int bits = bitsPerSample(bitsCode);
        if (channels != info.channels() || bits != info.bitsPerSample()) {
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "FLAC frame " + frameIndex
                    + " has " + channels + " channels/" + bits + " bits instead of the declared " + info.channels()
                    + "/" + info.bitsPerSample() + ": the file is damaged, re-export it");
        }
        if (samples[0].length < blockSize) {
            samples = new int[channels][Math.max(blockSize, Math.min(MAX_BLOCK_SIZE, info.maxBlockSize()))];
        }
        for (int c = 0; c < channels; c++) {
            boolean side = (channelCode == 8 || channelCode == 10) ? c == 1 : channelCode == 9 && c == 0;
            decodeSubframe(samples[c], blockSize, side ? bits + 1 : bits);
        }
        decorrelate(channelCode, blockSize);
        in.alignToByte();
        int frameCrc = in.crc16();
        if (in.readBits(16) != frameCrc) {
            throw corrupt("fails its CRC-16 check");
        }
        frameIndex++;
        return blockSize;
    }

    private void readCodedNumber() throws IOException, AudioDecodeException {
        int first = in.readBits(8);
        int continuation = Integer.numberOfLeadingZeros(~(first << 24));
        if (continuation == 1 || continuation > 7) {
            throw corrupt("has a malformed frame number (first byte 0x" + Integer.toHexString(first) + ")");
        }
        for (int i = 1; i < continuation; i++) {
            if ((in.readBits(8) & 0xC0) != 0x80) {
                throw corrupt("has a malformed frame number");
            }
        }
    }

    private int blockSize(int code) throws IOException, AudioDecodeException {
        if (code == 0) {
            throw corrupt("has the reserved block size code 0");
        }
        if (code == 1) {
            return 192;
        }
        if (code <= 5) {
            return 576 << (code - 2);
        }
        if (code == 6) {
            return in.readBits(8) + 1;
        }
        if (code == 7) {
            int size = in.readBits(16) + 1;
            if (size > MAX_BLOCK_SIZE) {
                throw corrupt("declares a block of 65536 samples (at most 65535)");
            }
            return size;
        }
        return 256 << (code - 8);
    }

    /** The rate code only says how many header bytes follow; the rate itself is STREAMINFO's. */
    private void skipRate(int code) throws IOException, AudioDecodeException {
        if (code == 12) {
            in.readBits(8);
        } else if (code == 13 || code == 14) {
            in.readBits(16);
        } else if (code == 15) {
            throw corrupt("has the invalid sample rate code 15");
        }
    }

    private int bitsPerSample(int code) throws AudioDecodeException {
        switch (code) {
            case 0:
                return info.bitsPerSample();
            case 1:
                return 8;
            case 2:
                return 12;
            case 4:
                return 16;
            case 5:
                return 20;
            case 6:
                return 24;
            case 7:
                return 32;
            default:
                throw corrupt("has the reserved bit depth code " + code);
        }
    }

    private void decodeSubframe(int[] out, int blockSize, int bits) throws IOException, AudioDecodeException {
        if (in.readBits(1) != 0) {
            throw corrupt("has a subframe whose padding bit is set");
        }
        int type = in.readBits(6);
        int wasted = 0;
        if (in.readBits(1) != 0) {
            wasted = in.readUnary() + 1;
            if (wasted >= bits) {
                throw corrupt("declares " + wasted + " wasted bits in " + bits + "-bit samples");
            }
        }
        int sampleBits = bits - wasted;
        if (sampleBits > 32) {
            throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, format, "FLAC frame "
                    + frameIndex + " stores 32-bit stereo as a 33-bit side channel, which is not supported here:"
                    + " convert the file to 24-bit FLAC or WAV");
        }
        if (type == 0) {
            java.util.Arrays.fill(out, 0, blockSize, in.readSigned(sampleBits));
        } else if (type == 1) {
            for (int i = 0; i < blockSize; i++) {
                out[i] = in.readSigned(sampleBits);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            readWarmUp(out, order, blockSize, sampleBits);
            readResidual(out, order, blockSize);
            restoreFixed(out, order, blockSize);
        } else if (type >= 32) {
            int order = (type & 31) + 1;
            readWarmUp(out, order, blockSize, sampleBits);
            int precision = in.readBits(4) + 1;
            if (precision == 16) {
                throw corrupt("has the invalid LPC coefficient precision code 15");
            }
            int shift = in.readSigned(5);
            if (shift < 0) {
                throw corrupt("has a negative LPC shift " + shift);
            }
            for (int j = 0; j < order; j++) {
                coefficients[j] = in.readSigned(precision);
            }
            readResidual(out, order, blockSize);
            FlacPrediction.restoreLpc(out, order, blockSize, coefficients, shift);
        } else {
            throw corrupt("has the reserved subframe type " + type);
        }
        if (wasted > 0) {
            for (int i = 0; i < blockSize; i++) {
                out[i] <<= wasted;
            }
        }
    }

    private void readWarmUp(int[] out, int order, int blockSize, int bits) throws IOException, AudioDecodeException {
        if (order > blockSize) {
            throw corrupt("has a predictor of order " + order + " in a block of " + blockSize + " samples");
        }
        for (int i = 0; i < order; i++) {
            out[i] = in.readSigned(bits);
        }
    }

    private void readResidual(int[] out, int order, int blockSize) throws IOException, AudioDecodeException {
        int method = in.readBits(2);
        if (method > 1) {
            throw corrupt("has the reserved residual coding method " + method);
        }
        int parameterBits = method == 0 ? 4 : 5;
        int escape = method == 0 ? 15 : 31;
        int partitionOrder = in.readBits(4);
        int partitionSamples = blockSize >> partitionOrder;
        if (partitionSamples << partitionOrder != blockSize || partitionSamples < order) {
            throw corrupt("has a residual partition order " + partitionOrder + " that does not fit a block of "
                    + blockSize + " samples with a predictor of order " + order);
        }
        int i = order;
        for (int p = 0, end = partitionSamples; p < 1 << partitionOrder; p++, end += partitionSamples) {
            int parameter = in.readBits(parameterBits);
            if (parameter == escape) {
                int rawBits = in.readBits(5);
                for (; i < end; i++) {
                    out[i] = in.readSigned(rawBits);
                }
            } else {
                in.readRiceBlock(out, i, end, parameter);
                i = end;
            }
        }
    }

    private static void restoreFixed(int[] s, int order, int n) {
        switch (order) {
            case 1:
                for (int i = 1; i < n; i++) {
                    s[i] += s[i - 1];
                }
                break;
            case 2:
                for (int i = 2; i < n; i++) {
                    s[i] += 2 * s[i - 1] - s[i - 2];
                }
                break;
            case 3:
                for (int i = 3; i < n; i++) {
                    s[i] += 3 * (s[i - 1] - s[i - 2]) + s[i - 3];
                }
                break;
            case 4:
                for (int i = 4; i < n; i++) {
                    s[i] += 4 * (s[i - 1] + s[i - 3]) - 6 * s[i - 2] - s[i - 4];
                }
                break;
            default:
                break;
        }
    }

    private void decorrelate(int channelCode, int n) {
        if (channelCode < 8) {
            return;
        }
        int[] a = samples[0];
        int[] b = samples[1];
        if (channelCode == 8) {
            for (int i = 0; i < n; i++) {
                b[i] = a[i] - b[i];
            }
        } else if (channelCode == 9) {
            for (int i = 0; i < n; i++) {
                a[i] += b[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                int side = b[i];
                int mid = (a[i] << 1) | (side & 1);
                a[i] = (mid + side) >> 1;
                b[i] = (mid - side) >> 1;
            }
        }
    }

    private AudioDecodeException corrupt(String what) {
        return new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, "FLAC frame " + frameIndex
                + " (byte " + frameOffset + ") " + what + ": the file is damaged, re-export it");
    }
}
