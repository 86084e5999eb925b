package io.screamguard.core.audio;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the 32-bit float WAV that ffmpeg writes to a pipe, frame by frame, mixing to mono as it goes,
 * so that memory holds only the mono result (never the multichannel PCM) and reading stops as soon as
 * the duration limit is passed. The data chunk's size is ignored (ffmpeg cannot fill it in on a pipe):
 * data runs to the end of the stream. Stateless and thread-safe.
 */
final class FloatWavStream {

    private static final int MAX_CHUNK_BYTES = 1 << 20;
    private static final int BLOCK_BYTES = 1 << 16;

    private FloatWavStream() {
    }

    /**
     * @param in     ffmpeg's stdout
     * @param limits the duration limit (bytes are bounded by it too)
     * @param format the format name for results and errors, e.g. "ffmpeg:opus"
     * @return mono audio at the stream's rate
     * @throws AudioDecodeException CORRUPT for output that is not float WAV, TOO_LONG past the limit,
     *     EMPTY without samples
     * @throws IOException when reading the pipe fails
     */
    static DecodedAudio read(InputStream in, DecodeLimits limits, String format) throws IOException,
            AudioDecodeException {
        return read(in, limits, format, null);
    }

    /** As {@link #read(InputStream, DecodeLimits, String)}, the samples going to {@code sink} when it is not null. */
    static DecodedAudio read(InputStream in, DecodeLimits limits, String format, MonoSink sink) throws IOException,
            AudioDecodeException {
        byte[] riff = new byte[12];
        if (!readFully(in, riff, 12) || !FormatSniffer.startsWith(riff, 0, "RIFF")
                || !FormatSniffer.startsWith(riff, 8, "WAVE")) {
            throw corrupt(format, "ffmpeg did not write a WAV header");
        }
        int channels = 0;
        long rate = 0;
        byte[] header = new byte[8];
        while (true) {
            if (!readFully(in, header, 8)) {
                throw corrupt(format, "ffmpeg's output ends before its data chunk");
            }
            long size = WavDecoder.u32(header, 4, false);
            if (FormatSniffer.startsWith(header, 0, "data")) {
                break;
            }
            if (size > MAX_CHUNK_BYTES) {
                throw corrupt(format, "ffmpeg's output has a " + size + "-byte header chunk");
            }
            byte[] body = new byte[(int) (size + (size & 1))];
            if (!readFully(in, body, body.length)) {
                throw corrupt(format, "ffmpeg's output ends inside a header chunk");
            }
            if (FormatSniffer.startsWith(header, 0, "fmt ") && size >= 16) {
                int tag = WavDecoder.u16(body, 0, false);
                if (tag == 0xFFFE && size >= 26) {
                    tag = WavDecoder.u16(body, 24, false);
                }
                if (tag != 3 || WavDecoder.u16(body, 14, false) != 32) {
                    throw corrupt(format, "ffmpeg wrote format tag " + tag + " instead of 32-bit float");
                }
                channels = WavDecoder.u16(body, 2, false);
                rate = WavDecoder.u32(body, 4, false);
            }
        }
        Mixdown.checkChannels(channels, format);
        Mixdown.checkSampleRate(rate, format);
        MonoBuffer out = new MonoBuffer(limits, (int) rate, format, sink);
        readFrames(in, channels, out, format);
        if (out.size() == 0) {
            throw new AudioDecodeException(AudioDecodeException.Kind.EMPTY, format,
                    "ffmpeg decoded no samples from the file: record some audio");
        }
        return new DecodedAudio(out.toArray(), (int) rate, channels, format);
    }

    private static void readFrames(InputStream in, int channels, MonoBuffer out, String format) throws IOException,
            AudioDecodeException {
        int frameBytes = 4 * channels;
        byte[] block = new byte[Math.max(BLOCK_BYTES, frameBytes)];
        int filled = 0;
        int n;
        while ((n = in.read(block, filled, block.length - filled)) != -1) {
            filled += n;
            int frames = filled / frameBytes;
            int at = 0;
            for (int f = 0; f < frames; f++) {
                float sum = 0f;
                for (int c = 0; c < channels; c++) {
                    sum += Float.intBitsToFloat((int) WavDecoder.u32(block, at, false));
                    at += 4;
                }
                float mono = Mixdown.mean(sum, channels);
                if (!Float.isFinite(mono)) {
                    throw corrupt(format, "ffmpeg decoded a non-finite sample");
                }
                out.add(mono);
            }
            System.arraycopy(block, at, block, 0, filled - at);
            filled -= at;
        }
    }

    private static boolean readFully(InputStream in, byte[] into, int length) throws IOException {
        int got = 0;
        while (got < length) {
            int n = in.read(into, got, length - got);
            if (n == -1) {
                return false;
            }
            got += n;
        }
        return true;
    }

    private static AudioDecodeException corrupt(String format, String what) {
        return new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, format, what
                + ": the file could not be decoded, re-export it as WAV or FLAC");
    }
}
