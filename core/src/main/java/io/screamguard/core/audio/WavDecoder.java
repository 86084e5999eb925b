package io.screamguard.core.audio;

/**
 * Our own RIFF/WAVE parser: PCM 8 (unsigned), 16, 24 and 32-bit, IEEE float 32 and 64-bit,
 * WAVE_FORMAT_EXTENSIBLE, any channel count; RIFF (little-endian), RIFX (big-endian), RF64/BW64
 * (64-bit sizes in a ds64 chunk). Unknown chunks are skipped (with their pad byte when odd); the
 * data chunk may come before the fmt chunk.
 *
 * <p>Truncation policy: a data chunk declaring more bytes than the file holds is TRUNCATED (the
 * upload was cut off), except when its size is the "unknown length" marker 0xFFFFFFFF that
 * streaming writers (e.g. ffmpeg writing to a pipe) leave behind: then the data runs to the end of
 * the file. A final partial frame is ignored. Size and duration limits are checked from the header,
 * before the sample array is allocated. Pure and thread-safe.
 */
final class WavDecoder {

    static final String FORMAT = "wav";
    private static final int TAG_PCM = 1;
    private static final int TAG_FLOAT = 3;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    /** Frames read from the source at a time. */
    private static final int BLOCK_FRAMES = 8192;
    /** Bytes read from the source at a time (fewer frames when frames are large). */
    private static final int BLOCK_BYTES = 64 * 1024;

    private WavDecoder() {
    }

    /** The fmt chunk fields we use. */
    private record Fmt(int tag, int channels, long sampleRateHz, int blockAlign, int bitsPerSample) {
    }

    /** Random access to the input's bytes: an array in memory, or a file read block by block. */
    interface Source {
        /** @return the input's length in bytes */
        long length() throws java.io.IOException;

        /** Reads {@code length} bytes at {@code position} (the caller keeps within {@link #length()}). */
        void read(long position, byte[] into, int length) throws java.io.IOException;

        /** The bytes of an array. */
        static Source of(byte[] b) {
            return new Source() {
                @Override
                public long length() {
                    return b.length;
                }

                @Override
                public void read(long position, byte[] into, int length) {
                    System.arraycopy(b, (int) position, into, 0, length);
                }
            };
        }

        /** The bytes of an open file. */
        static Source of(java.nio.channels.FileChannel channel) {
            return new Source() {
                @Override
                public long length() throws java.io.IOException {
                    return channel.size();
                }

                @Override
                public void read(long position, byte[] into, int length) throws java.io.IOException {
                    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(into, 0, length);
                    long at = position;
                    while (buffer.hasRemaining()) {
                        int n = channel.read(buffer, at);
                        if (n < 0) {
                            throw new java.io.EOFException("the file ends at " + at + " bytes");
                        }
                        at += n;
                    }
                }
            };
        }
    }

    /**
     * Decodes a whole WAV file.
     *
     * @param b      the file's bytes
     * @param limits size and duration limits
     * @return mono audio
     * @throws AudioDecodeException TRUNCATED, CORRUPT, EMPTY, TOO_LONG, or UNSUPPORTED_FORMAT for a
     *     codec other than PCM/float (A-law, ADPCM, ...), whose format name starts with "wav-"
     */
    static DecodedAudio decode(byte[] b, DecodeLimits limits) throws AudioDecodeException {
        try {
            return decode(Source.of(b), limits, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading an array cannot fail", e);
        }
    }

    /**
     * Decodes a WAV file block by block (64 KiB of it in memory at a time).
     *
     * @param sink where the samples go, or null to return them
     * @throws java.io.IOException when the source cannot be read
     */
    static DecodedAudio decode(Source source, DecodeLimits limits, MonoSink sink) throws AudioDecodeException,
            java.io.IOException {
        long length = source.length();
        if (length < 12) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the WAV header ends after " + length
                    + " bytes (a RIFF header needs 12): the upload was cut off, send the whole file");
        }
        byte[] riff = new byte[12];
        source.read(0, riff, 12);
        boolean bigEndian = FormatSniffer.startsWith(riff, 0, "RIFX");
        boolean rf64 = FormatSniffer.startsWith(riff, 0, "RF64") || FormatSniffer.startsWith(riff, 0, "BW64");
        Fmt fmt = null;
        long dataOffset = -1;
        long dataSize = -1;
        long ds64DataSize = -1;
        long pos = 12;
        byte[] header = new byte[8];
        while (pos + 8 <= length) {
            source.read(pos, header, 8);
            long size = u32(header, 4, bigEndian);
            if (FormatSniffer.startsWith(header, 0, "ds64") && rf64 && pos + 24 <= length) {
                byte[] ds64 = new byte[8];
                source.read(pos + 16, ds64, 8);
                ds64DataSize = u64(ds64, 0);
            } else if (FormatSniffer.startsWith(header, 0, "fmt ")) {
                int available = (int) Math.min(64, length - (pos + 8));
                byte[] body = new byte[Math.max(0, available)];
                source.read(pos + 8, body, body.length);
                fmt = readFmt(body, size, bigEndian);
            } else if (FormatSniffer.startsWith(header, 0, "data")) {
                dataOffset = pos + 8;
                dataSize = rf64 && size == UNKNOWN_SIZE && ds64DataSize >= 0 ? ds64DataSize : size;
                if (fmt != null || size == UNKNOWN_SIZE || dataOffset + dataSize >= length) {
                    break;
                }
            }
            pos += 8 + size + (size & 1);
        }
        if (fmt == null) {
            // every chunk complete but none is fmt: damaged; otherwise the file stops early
            boolean walkedToTheEnd = dataOffset >= 0 && pos == length;
            throw error(walkedToTheEnd ? AudioDecodeException.Kind.CORRUPT : AudioDecodeException.Kind.TRUNCATED,
                    "the WAV file has no complete fmt chunk"
                    + " (it ends or breaks off after " + length + " bytes): re-export or re-upload it");
        }
        if (dataOffset < 0) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the WAV file ends after " + length
                    + " bytes without a data chunk: the upload was cut off, send the whole file");
        }
        return decodeData(source, length, fmt, dataOffset, dataSize, bigEndian, limits, sink);
    }

    /** @param b the fmt chunk's first bytes (up to 64), {@code size} its declared size */
    private static Fmt readFmt(byte[] b, long size, boolean be) throws AudioDecodeException {
        if (size < 16 || 16 > b.length) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the WAV fmt chunk has " + Math.min(size, b.length)
                    + " bytes, fewer than the 16 it needs: the file is cut off or damaged, re-export it");
        }
        int tag = u16(b, 0, be);
        int channels = u16(b, 2, be);
        long rate = u32(b, 4, be);
        int blockAlign = u16(b, 12, be);
        int bits = u16(b, 14, be);
        if (tag == TAG_EXTENSIBLE) {
            if (size < 40 || 26 > b.length) {
                throw error(AudioDecodeException.Kind.CORRUPT, "the WAV fmt chunk says WAVE_FORMAT_EXTENSIBLE"
                        + " but has only " + size + " of its 40 bytes: the file is damaged, re-export it");
            }
            tag = u16(b, 24, be);
        }
        return new Fmt(tag, channels, rate, blockAlign, bits);
    }

    private static DecodedAudio decodeData(Source source, long length, Fmt fmt, long dataOffset, long declaredSize,
            boolean be, DecodeLimits limits, MonoSink sink) throws AudioDecodeException, java.io.IOException {
        if (fmt.tag() != TAG_PCM && fmt.tag() != TAG_FLOAT) {
            throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, "wav-" + codecName(fmt.tag()),
                    "the WAV file holds " + codecName(fmt.tag()) + " audio (format tag 0x" + Integer.toHexString(fmt.tag())
                    + "), which needs ffmpeg: install ffmpeg or convert the file to 16-bit PCM WAV or FLAC");
        }
        Mixdown.checkChannels(fmt.channels(), FORMAT);
        Mixdown.checkSampleRate(fmt.sampleRateHz(), FORMAT);
        int bytesPerSample = fmt.blockAlign() / fmt.channels();
        boolean pcmOk = fmt.tag() == TAG_PCM && bytesPerSample >= 1 && bytesPerSample <= 4;
        boolean floatOk = fmt.tag() == TAG_FLOAT && (bytesPerSample == 4 || bytesPerSample == 8);
        if (fmt.blockAlign() % fmt.channels() != 0 || !(pcmOk || floatOk) || fmt.bitsPerSample() > 8 * bytesPerSample
                || fmt.bitsPerSample() == 0) {
            throw error(AudioDecodeException.Kind.CORRUPT, "the WAV fmt chunk is inconsistent: " + fmt.bitsPerSample()
                    + " bits per sample, " + fmt.channels() + " channels, block align " + fmt.blockAlign()
                    + (fmt.tag() == TAG_FLOAT ? " (float)" : " (PCM)") + "; expected PCM of 8/16/24/32 bits or float of"
                    + " 32/64 bits: re-export the file");
        }
        if (declaredSize < 0) {
            throw error(AudioDecodeException.Kind.CORRUPT, "the WAV ds64 chunk declares a negative data size "
                    + declaredSize + ": the file is damaged, re-export it");
        }
        long available = length - dataOffset;
        long dataBytes = declaredSize;
        if (declaredSize > available) {
            if (declaredSize != UNKNOWN_SIZE) {
                throw error(AudioDecodeException.Kind.TRUNCATED, "the WAV data chunk declares " + declaredSize
                        + " bytes but only " + available + " follow: the upload was cut off, send the whole file");
            }
            dataBytes = available;
        }
        long frames = dataBytes / fmt.blockAlign();
        if (frames == 0) {
            throw error(AudioDecodeException.Kind.EMPTY, "the WAV file contains no samples: record some audio");
        }
        int rate = (int) fmt.sampleRateHz();
        long maxFrames = MonoBuffer.maxFrames(limits, rate, sink);
        if (frames > maxFrames) {
            throw MonoBuffer.tooLong(FORMAT, limits.maxSeconds(), rate, maxFrames);
        }
        int channels = fmt.channels();
        float[] mono = sink == null ? new float[(int) frames] : new float[BLOCK_FRAMES];
        if (sink != null) {
            sink.start(rate);
        }
        // about 64 KiB of the file at a time, whatever the frame size a header declares
        int framesPerBlock = (int) Math.max(1, Math.min(frames, Math.min(BLOCK_FRAMES, BLOCK_BYTES / fmt.blockAlign())));
        byte[] block = new byte[framesPerBlock * fmt.blockAlign()];
        SampleReader reader = new SampleReader(block, be, fmt.tag() == TAG_FLOAT, bytesPerSample);
        for (long first = 0; first < frames; first += framesPerBlock) {
            int n = (int) Math.min(framesPerBlock, frames - first);
            source.read(dataOffset + first * fmt.blockAlign(), block, n * fmt.blockAlign());
            int at = 0;
            int outAt = sink == null ? (int) first : 0;
            for (int i = 0; i < n; i++) {
                long f = first + i;
                float sum = 0f;
                for (int c = 0; c < channels; c++) {
                    sum += reader.read(at, f);
                    at += bytesPerSample;
                }
                float m = Mixdown.mean(sum, channels);
                if (!Float.isFinite(m)) {
                    throw error(AudioDecodeException.Kind.CORRUPT, "the WAV file's float samples at frame " + f
                            + " add up beyond the float range: samples must be finite and near [-1, 1]; re-export the file");
                }
                mono[outAt + i] = m;
                at += fmt.blockAlign() - channels * bytesPerSample;
            }
            if (sink != null) {
                sink.accept(mono, n);
            }
        }
        return new DecodedAudio(sink == null ? mono : new float[0], rate, channels, FORMAT);
    }

    /** Reads one sample of the configured encoding as a float. */
    private record SampleReader(byte[] b, boolean bigEndian, boolean isFloat, int bytes) {

        float read(int at, long frame) throws AudioDecodeException {
            if (isFloat) {
                double v = bytes == 4 ? Float.intBitsToFloat((int) u32(b, at, bigEndian))
                        : Double.longBitsToDouble(bigEndian ? u64be(b, at) : u64(b, at));
                if (!Float.isFinite((float) v)) {
                    throw error(AudioDecodeException.Kind.CORRUPT, "the WAV file has a " + v + " sample at frame "
                            + frame + ": float samples must be finite; re-export the file");
                }
                return (float) v;
            }
            switch (bytes) {
                case 1:
                    return ((b[at] & 0xFF) - 128) / 128f;
                case 2:
                    return (short) u16(b, at, bigEndian) / 32768f;
                case 3:
                    int v24 = bigEndian ? (b[at] << 16) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF)
                            : (b[at + 2] << 16) | (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
                    return v24 / 8388608f;
                default:
                    return (float) ((int) u32(b, at, bigEndian) / 2147483648.0);
            }
        }
    }

    private static String codecName(int tag) {
        switch (tag) {
            case 2:
                return "ms-adpcm";
            case 6:
                return "alaw";
            case 7:
                return "mulaw";
            case 0x11:
                return "ima-adpcm";
            case 0x31:
                return "gsm";
            case 0x55:
                return "mp3";
            default:
                return "tag-" + Integer.toHexString(tag);
        }
    }

    private static AudioDecodeException error(AudioDecodeException.Kind kind, String message) {
        return new AudioDecodeException(kind, FORMAT, message);
    }

    static int u16(byte[] b, int at, boolean be) {
        return be ? (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF) : (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at, boolean be) {
        return be ? (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF)
                : (long) (b[at + 3] & 0xFF) << 24 | (b[at + 2] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
    }

    static long u64(byte[] b, int at) {
        return u32(b, at, false) | u32(b, at + 4, false) << 32;
    }

    private static long u64be(byte[] b, int at) {
        return u32(b, at, true) << 32 | u32(b, at + 4, true);
    }
}
