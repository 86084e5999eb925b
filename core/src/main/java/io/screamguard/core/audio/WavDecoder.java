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

    private WavDecoder() {
    }

    /** The fmt chunk fields we use. */
    private record Fmt(int tag, int channels, long sampleRateHz, int blockAlign, int bitsPerSample) {
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
        if (b.length < 12) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the WAV header ends after " + b.length
                    + " bytes (a RIFF header needs 12): the upload was cut off, send the whole file");
        }
        boolean bigEndian = FormatSniffer.startsWith(b, 0, "RIFX");
        boolean rf64 = FormatSniffer.startsWith(b, 0, "RF64") || FormatSniffer.startsWith(b, 0, "BW64");
        Fmt fmt = null;
        long dataOffset = -1;
        long dataSize = -1;
        long ds64DataSize = -1;
        long pos = 12;
        while (pos + 8 <= b.length) {
            int at = (int) pos;
            long size = u32(b, at + 4, bigEndian);
            if (FormatSniffer.startsWith(b, at, "ds64") && rf64 && at + 24 <= b.length) {
                ds64DataSize = u64(b, at + 16);
            } else if (FormatSniffer.startsWith(b, at, "fmt ")) {
                fmt = readFmt(b, at + 8, size, bigEndian);
            } else if (FormatSniffer.startsWith(b, at, "data")) {
                dataOffset = at + 8;
                dataSize = rf64 && size == UNKNOWN_SIZE && ds64DataSize >= 0 ? ds64DataSize : size;
                if (fmt != null || size == UNKNOWN_SIZE || dataOffset + dataSize >= b.length) {
                    break;
                }
            }
            pos += 8 + size + (size & 1);
        }
        if (fmt == null) {
            // every chunk complete but none is fmt: damaged; otherwise the file stops early
            boolean walkedToTheEnd = dataOffset >= 0 && pos == b.length;
            throw error(walkedToTheEnd ? AudioDecodeException.Kind.CORRUPT : AudioDecodeException.Kind.TRUNCATED,
                    "the WAV file has no complete fmt chunk"
                    + " (it ends or breaks off after " + b.length + " bytes): re-export or re-upload it");
        }
        if (dataOffset < 0) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the WAV file ends after " + b.length
                    + " bytes without a data chunk: the upload was cut off, send the whole file");
        }
        return decodeData(b, fmt, dataOffset, dataSize, bigEndian, limits);
    }

    private static Fmt readFmt(byte[] b, int at, long size, boolean be) throws AudioDecodeException {
        if (size < 16 || at + 16 > b.length) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the WAV fmt chunk has " + Math.min(size, b.length - at)
                    + " bytes, fewer than the 16 it needs: the file is cut off or damaged, re-export it");
        }
        int tag = u16(b, at, be);
        int channels = u16(b, at + 2, be);
        long rate = u32(b, at + 4, be);
        int blockAlign = u16(b, at + 12, be);
        int bits = u16(b, at + 14, be);
        if (tag == TAG_EXTENSIBLE) {
            if (size < 40 || at + 26 > b.length) {
                throw error(AudioDecodeException.Kind.CORRUPT, "the WAV fmt chunk says WAVE_FORMAT_EXTENSIBLE"
                        + " but has only " + size + " of its 40 bytes: the file is damaged, re-export it");
            }
            tag = u16(b, at + 24, be);
        }
        return new Fmt(tag, channels, rate, blockAlign, bits);
    }

    private static DecodedAudio decodeData(byte[] b, Fmt fmt, long dataOffset, long declaredSize, boolean be,
            DecodeLimits limits) throws AudioDecodeException {
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
        long available = b.length - dataOffset;
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
        if (frames > limits.maxFrames(rate)) {
            throw MonoBuffer.tooLong(FORMAT, limits.maxSeconds(), rate, limits.maxFrames(rate));
        }
        float[] mono = new float[(int) frames];
        SampleReader reader = new SampleReader(b, be, fmt.tag() == TAG_FLOAT, bytesPerSample);
        int channels = fmt.channels();
        int at = (int) dataOffset;
        for (int f = 0; f < mono.length; f++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++) {
                sum += reader.read(at, f);
                at += bytesPerSample;
            }
            mono[f] = Mixdown.mean(sum, channels);
            if (!Float.isFinite(mono[f])) {
                throw error(AudioDecodeException.Kind.CORRUPT, "the WAV file's float samples at frame " + f
                        + " add up beyond the float range: samples must be finite and near [-1, 1]; re-export the file");
            }
            at += fmt.blockAlign() - channels * bytesPerSample;
        }
        return new DecodedAudio(mono, rate, channels, FORMAT);
    }

    /** Reads one sample of the configured encoding as a float. */
    private record SampleReader(byte[] b, boolean bigEndian, boolean isFloat, int bytes) {

        float read(int at, int frame) throws AudioDecodeException {
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
