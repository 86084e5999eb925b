package io.screamguard.core.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a FLAC stream bit by bit, most significant bit first, from an {@link InputStream}: a 64 KiB
 * byte buffer feeds a 64-bit cache whose valid bits sit at the top (refilled eight bytes at a time),
 * so reading a field is a shift and a Rice-coded residual is one {@link Long#numberOfLeadingZeros}
 * plus two shifts. Also keeps the frame checksums: after {@link #startCrc()} at a frame's first byte,
 * every byte consumed goes into the CRC-8 (header) and CRC-16 (whole frame) of RFC 9639.
 *
 * <p>The end of the input raises {@link EOFException} when a read needs bits that are not there.
 * Memory is bounded: the buffer never grows. Not thread-safe; one reader per decode.
 */
final class FlacBitReader {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int[] CRC8 = crcTable(0x07, 8);
    /** CRC16[k][x]: the CRC-16 of byte x followed by k zero bytes (slicing by 8). */
    private static final int[][] CRC16 = crc16Tables();

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER_BYTES + 8];
    /** Next byte of {@link #buf} to load into the cache, and the end of the valid bytes. */
    private int pos;
    private int limit;
    /** Stream offset of buf[0]. */
    private long bufStart;
    private boolean eof;
    /**
     * Valid bits at the top of {@link #cache}. Below them are zeros or the true next bits of the
     * stream, so OR-ing the next bytes in again is harmless (a fast refill loads whole longs).
     */
    private long cache;
    private int bits;
    /** The CRCs cover buf[crcPos..consumed) once {@link #updateCrc()} ran; -1 when not started. */
    private int crcPos = -1;
    private boolean inHeader;
    private int crc8;
    private int crc16;

    FlacBitReader(InputStream in) {
        this.in = in;
    }

    /** The stream offset of the next unread bit's byte (for messages). */
    long byteOffset() {
        return bufStart + pos - (bits >> 3);
    }

    /** True when every bit has been read and the input has no more bytes. */
    boolean atEnd() throws IOException {
        if (bits > 0 && (bits & 7) != 0) {
            return false;
        }
        if (bits >= 8) {
            return false;
        }
        if (pos < limit) {
            return false;
        }
        fillBuffer();
        return pos >= limit;
    }

    /**
     * Reads an unsigned field.
     *
     * @param n width in bits, 0..32
     */
    int readBits(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            refill(n);
        }
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return value;
    }

    /** Reads an unsigned field of up to 36 bits (the total-samples field). */
    long readLong(int n) throws IOException {
        if (n <= 32) {
            return readBits(n) & 0xFFFFFFFFL;
        }
        long high = readBits(n - 32) & 0xFFFFFFFFL;
        return high << 32 | (readBits(32) & 0xFFFFFFFFL);
    }

    /**
     * Reads a two's complement field.
     *
     * @param n width in bits, 0..32
     */
    int readSigned(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            refill(n);
        }
        int value = (int) (cache >> (64 - n));
        cache <<= n;
        bits -= n;
        return value;
    }

    /** Reads a unary count: the zeros before the next one bit, which is consumed too. */
    int readUnary() throws IOException {
        int count = 0;
        while (true) {
            if (bits == 0) {
                refill(1);
            }
            int zeros = Long.numberOfLeadingZeros(cache);
            if (zeros < bits) {
                count += zeros;
                cache = cache << zeros << 1;
                bits -= zeros + 1;
                return count;
            }
            count += bits;
            cache = 0;
            bits = 0;
            if (count < 0) {
                throw new IOException("a unary code runs past 2^31 bits");
            }
        }
    }

    /** Skips to the next byte boundary. */
    void alignToByte() {
        int drop = bits & 7;
        cache <<= drop;
        bits -= drop;
    }

    /** Skips whole bytes (at a byte boundary). */
    void skipBytes(long count) throws IOException {
        long left = count;
        while (left > 0 && bits >= 8) {
            readBits(8);
            left--;
        }
        if (left == 0) {
            return;
        }
        cache = 0;
        while (left > 0) {
            if (pos == limit) {
                fillBuffer();
                if (pos == limit) {
                    throw new EOFException("the input ends inside a block it skips");
                }
            }
            int step = (int) Math.min(left, limit - pos);
            pos += step;
            left -= step;
        }
    }

    /**
     * Decodes Rice-coded residuals: each is a unary quotient, {@code parameter} low bits, then the
     * zigzag sign fold. The common case (the code fits in the cache) takes no branch but the test.
     *
     * @param out       where the signed values go, from {@code from} (exclusive end {@code to})
     * @param parameter the Rice parameter, 0..30
     */
    void readRiceBlock(int[] out, int from, int to, int parameter) throws IOException {
        long c = cache;
        int b = bits;
        for (int i = from; i < to; i++) {
            int zeros = Long.numberOfLeadingZeros(c);
            if (zeros + 1 + parameter > b) {
                cache = c;
                bits = b;
                out[i] = readRiceSlow(parameter);
                c = cache;
                b = bits;
                continue;
            }
            c = c << zeros << 1;
            long low = (c >>> 1) >>> (63 - parameter);
            c <<= parameter;
            b -= zeros + 1 + parameter;
            long folded = ((long) zeros << parameter) | low;
            out[i] = (int) ((folded >>> 1) ^ -(folded & 1));
            if (b < 40) {
                if (limit - pos >= 8) {
                    c |= (long) LONG_BE.get(buf, pos) >>> b;
                    int take = (64 - b) >> 3;
                    pos += take;
                    b += take << 3;
                } else {
                    cache = c;
                    bits = b;
                    refillQuietly();
                    c = cache;
                    b = bits;
                }
            }
        }
        cache = c;
        bits = b;
    }

    private int readRiceSlow(int parameter) throws IOException {
        long quotient = readUnary();
        long low = readBits(parameter) & 0xFFFFFFFFL;
        long folded = (quotient << parameter) | low;
        return (int) ((folded >>> 1) ^ -(folded & 1));
    }

    /** Starts both checksums at the current byte (a frame's first byte). */
    void startCrc() {
        crcPos = pos - (bits >> 3);
        crc8 = 0;
        crc16 = 0;
        inHeader = true;
    }

    /**
     * The CRC-8 of the bytes read since {@link #startCrc()} (at a byte boundary); from then on only
     * the CRC-16 is kept.
     */
    int crc8() {
        updateCrc();
        inHeader = false;
        return crc8;
    }

    /** The CRC-16 of the bytes read since {@link #startCrc()} (at a byte boundary). */
    int crc16() {
        updateCrc();
        return crc16;
    }

    private void updateCrc() {
        if (crcPos < 0) {
            return;
        }
        int consumed = pos - ((bits + 7) >> 3);
        if (inHeader) {
            int c8 = crc8;
            for (int i = crcPos; i < consumed; i++) {
                c8 = CRC8[c8 ^ (buf[i] & 0xFF)];
            }
            crc8 = c8;
        }
        int c16 = crc16;
        int i = crcPos;
        int[] t0 = CRC16[0];
        int[] t1 = CRC16[1];
        int[] t2 = CRC16[2];
        int[] t3 = CRC16[3];
        int[] t4 = CRC16[4];
        int[] t5 = CRC16[5];
        int[] t6 = CRC16[6];
        int[] t7 = CRC16[7];
        for (; i + 8 <= consumed; i += 8) {
            long w = (long) LONG_BE.get(buf, i);
            int head = c16 ^ (int) (w >>> 48);
            c16 = t7[head >>> 8] ^ t6[head & 0xFF] ^ t5[(int) (w >>> 40) & 0xFF] ^ t4[(int) (w >>> 32) & 0xFF]
                    ^ t3[(int) (w >>> 24) & 0xFF] ^ t2[(int) (w >>> 16) & 0xFF] ^ t1[(int) (w >>> 8) & 0xFF]
                    ^ t0[(int) w & 0xFF];
        }
        for (; i < consumed; i++) {
            c16 = ((c16 << 8) & 0xFFFF) ^ t0[(c16 >>> 8) ^ (buf[i] & 0xFF)];
        }
        crc16 = c16;
        crcPos = Math.max(crcPos, consumed);
    }

    /** Tops up the cache to at least {@code need} bits, or throws EOFException. */
    private void refill(int need) throws IOException {
        refillQuietly();
        if (bits < need) {
            fillBuffer();
            refillQuietly();
            if (bits < need) {
                throw new EOFException("the input ends inside a FLAC frame");
            }
        }
    }

    /** Loads as many whole bytes as fit into the cache from the buffer, without reading the input. */
    private void refillQuietly() throws IOException {
        if (limit - pos < 8) {
            fillBuffer();
        }
        if (limit - pos >= 8) {
            long word = (long) LONG_BE.get(buf, pos);
            cache |= word >>> bits;
            int take = (64 - bits) >> 3;
            pos += take;
            bits += take << 3;
            return;
        }
        while (bits <= 56 && pos < limit) {
            cache |= (buf[pos++] & 0xFFL) << (56 - bits);
            bits += 8;
        }
    }

    /** Moves the unread bytes to the front of the buffer and reads more input behind them. */
    private void fillBuffer() throws IOException {
        if (eof || limit - pos >= 8) {
            return;
        }
        int keep = pos;
        if (crcPos >= 0) {
            updateCrc();
            keep = Math.min(crcPos, pos);
        }
        int tail = limit - keep;
        System.arraycopy(buf, keep, buf, 0, tail);
        bufStart += keep;
        pos -= keep;
        limit = tail;
        if (crcPos >= 0) {
            crcPos -= keep;
        }
        while (limit < BUFFER_BYTES) {
            int n = in.read(buf, limit, BUFFER_BYTES - limit);
            if (n < 0) {
                eof = true;
                break;
            }
            if (n == 0) {
                int one = in.read();
                if (one < 0) {
                    eof = true;
                    break;
                }
                buf[limit++] = (byte) one;
                continue;
            }
            limit += n;
            if (limit - pos >= 4096) {
                break;
            }
        }
    }

    private static int[][] crc16Tables() {
        int[][] tables = new int[8][];
        tables[0] = crcTable(0x8005, 16);
        for (int k = 1; k < 8; k++) {
            tables[k] = new int[256];
            for (int x = 0; x < 256; x++) {
                int crc = tables[k - 1][x];
                tables[k][x] = ((crc << 8) & 0xFFFF) ^ tables[0][crc >>> 8];
            }
        }
        return tables;
    }

    private static int[] crcTable(int polynomial, int width) {
        int[] table = new int[256];
        int top = 1 << (width - 1);
        int mask = (1 << width) - 1;
        for (int i = 0; i < 256; i++) {
            int crc = i << (width - 8);
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & top) != 0 ? (crc << 1) ^ polynomial : crc << 1;
            }
            table[i] = crc & mask;
        }
        return table;
    }
}
