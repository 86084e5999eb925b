package io.screamguard.core.audio;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * FLAC through the project's own decoder ({@link FlacFrameDecoder} on a {@link FlacBitReader}),
 * frame by frame from a stream, mixed to mono as each frame is decoded. Bit depths 4 to 32 are
 * supported (but 32-bit stereo stored with a 33-bit side channel), any rate in
 * {@link Mixdown#MIN_RATE_HZ}..{@link Mixdown#MAX_RATE_HZ} and 1 to 8 channels.
 *
 * <p>Errors: a header cut off, or the input ending inside a frame, is TRUNCATED; when STREAMINFO
 * declares a total length and fewer samples decode, the file is TRUNCATED too (the declared length
 * is also checked against the duration limit before decoding). A frame whose CRC-8 or CRC-16 does
 * not match, or whose structure is invalid, is CORRUPT (no damaged samples are ever delivered: the
 * check runs before a frame's samples go out). Bytes after the last frame that are not a frame
 * (a trailing tag) are ignored once the declared length has been decoded, or when no length is
 * declared. Thread-safe (no shared state).
 */
final class FlacDecoder {

    static final String FORMAT = "flac";
    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_BYTES = 34;
    private static final int MIN_BITS = 4;
    /**
     * Mono samples per input byte trusted when sizing the in-memory output from the declared length
     * (the datasets' 22 050 Hz 16-bit mono clips give about 1.5, stereo gives half; a larger declared count
     * grows the array as it decodes, so a header cannot make a small file allocate much).
     */
    private static final long EXPECT_SAMPLES_PER_BYTE = 2;

    private FlacDecoder() {
    }

    static DecodedAudio decode(byte[] b, int offset, DecodeLimits limits) throws AudioDecodeException {
        return decode(new ByteArrayInputStream(b, offset, b.length - offset), b.length, limits, null);
    }

    /**
     * Decodes frame by frame from a stream positioned at "fLaC".
     *
     * @param fileBytes the input's length (for messages)
     * @param sink      where the samples go, or null to return them
     */
    static DecodedAudio decode(InputStream in, long fileBytes, DecodeLimits limits, MonoSink sink)
            throws AudioDecodeException {
        FlacBitReader bits = new FlacBitReader(in);
        FlacStreamInfo info = readHeader(bits, fileBytes);
        int rate = info.sampleRateHz();
        Mixdown.checkSampleRate(rate, FORMAT);
        if (info.bitsPerSample() < MIN_BITS) {
            throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, "flac-"
                    + info.bitsPerSample() + "bit", "the FLAC stream has " + info.bitsPerSample() + "-bit samples; "
                    + MIN_BITS + " to 32 are supported: convert it to 16-bit FLAC or WAV");
        }
        long declared = info.totalSamples();
        long maxFrames = MonoBuffer.maxFrames(limits, rate, sink);
        if (declared > maxFrames) {
            throw MonoBuffer.tooLong(FORMAT, limits.maxSeconds(), rate, maxFrames);
        }
        MonoBuffer out = new MonoBuffer(limits, rate, FORMAT, sink);
        out.expect(declared, EXPECT_SAMPLES_PER_BYTE * fileBytes);
        FlacFrameDecoder frames = new FlacFrameDecoder(bits, info, FORMAT);
        decodeFrames(frames, info, out, fileBytes);
        if (out.size() == 0) {
            throw error(AudioDecodeException.Kind.EMPTY, "the FLAC file contains no samples: record some audio", null);
        }
        if (declared > 0 && out.size() < declared) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the FLAC file declares " + declared
                    + " samples but only " + out.size() + " decode: the upload was cut off or damaged, send the"
                    + " whole file", null);
        }
        return new DecodedAudio(out.toArray(), rate, info.channels(), FORMAT);
    }

    /**
     * Reads "fLaC", the STREAMINFO block and skips the other metadata blocks.
     *
     * @param fileBytes the input's length (for messages)
     * @throws AudioDecodeException TRUNCATED when the header is cut off, CORRUPT when it is invalid
     */
    static FlacStreamInfo readHeader(FlacBitReader bits, long fileBytes) throws AudioDecodeException {
        try {
            if (bits.readBits(32) != 0x664C6143) {
                throw error(AudioDecodeException.Kind.CORRUPT, "the FLAC file does not start with \"fLaC\":"
                        + " re-export it", null);
            }
            FlacStreamInfo info = null;
            boolean last = false;
            for (int block = 0; !last; block++) {
                last = bits.readBits(1) == 1;
                int type = bits.readBits(7);
                int length = bits.readBits(24);
                if (type == 127) {
                    throw error(AudioDecodeException.Kind.CORRUPT, "the FLAC metadata block " + block + " has the"
                            + " invalid type 127: the file is damaged, re-export it", null);
                }
                if (block == 0 && type != STREAMINFO) {
                    throw error(AudioDecodeException.Kind.CORRUPT, "the FLAC file has no STREAMINFO block (its first"
                            + " metadata block has type " + type + "): re-export it", null);
                }
                if (type == STREAMINFO) {
                    if (block != 0 || length != STREAMINFO_BYTES) {
                        throw error(AudioDecodeException.Kind.CORRUPT, "the FLAC STREAMINFO block " + block + " is "
                                + length + " bytes long (expected one block of " + STREAMINFO_BYTES + " first):"
                                + " the file is damaged, re-export it", null);
                    }
                    info = readStreamInfo(bits);
                } else {
                    bits.skipBytes(length);
                }
            }
            return info;
        } catch (EOFException e) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the FLAC header is cut off after " + fileBytes
                    + " bytes: send the whole file", e);
        } catch (IOException e) {
            throw error(AudioDecodeException.Kind.CORRUPT, "the FLAC header cannot be read (" + e.getMessage()
                    + "): re-export the file", e);
        }
    }

    private static FlacStreamInfo readStreamInfo(FlacBitReader bits) throws IOException, AudioDecodeException {
        bits.readBits(16);
        int maxBlockSize = bits.readBits(16);
        bits.readBits(24);
        bits.readBits(24);
        int rate = bits.readBits(20);
        int channels = bits.readBits(3) + 1;
        int bitsPerSample = bits.readBits(5) + 1;
        long total = bits.readLong(36);
        bits.skipBytes(16);
        if (rate == 0) {
            Mixdown.checkSampleRate(rate, FORMAT);
        }
        return new FlacStreamInfo(rate, channels, bitsPerSample, total, maxBlockSize);
    }

    private static void decodeFrames(FlacFrameDecoder frames, FlacStreamInfo info, MonoBuffer out, long fileBytes)
            throws AudioDecodeException {
        int channels = info.channels();
        float scale = (float) (1.0 / (1L << (info.bitsPerSample() - 1)));
        long declared = info.totalSamples();
        float[] mono = new float[0];
        try {
            while (true) {
                int blockSize = frames.next();
                if (blockSize == 0) {
                    return;
                }
                if (blockSize == FlacFrameDecoder.NO_SYNC) {
                    if (out.size() > 0 && (declared == 0 || out.size() >= declared)) {
                        return;
                    }
                    throw error(AudioDecodeException.Kind.CORRUPT, "FLAC frame " + frames.frames() + " (byte "
                            + frames.frameOffset() + ") does not start with a frame sync code: the file is damaged,"
                            + " re-export it", null);
                }
                if (mono.length < blockSize) {
                    mono = new float[blockSize];
                }
                mix(frames, channels, blockSize, scale, mono);
                out.add(mono, blockSize);
            }
        } catch (EOFException e) {
            if (declared > 0 && out.size() >= declared) {
                return;
            }
            throw error(AudioDecodeException.Kind.TRUNCATED, "the FLAC file is cut off (or damaged) inside frame "
                    + frames.frames() + " (it ends at byte " + fileBytes + "): send the whole file", e);
        } catch (IOException e) {
            throw error(AudioDecodeException.Kind.CORRUPT, "FLAC frame " + frames.frames() + " cannot be read ("
                    + e.getMessage() + "): re-export the file", e);
        }
    }

    /**
     * One frame's mono mixdown: the mean of the channels' samples, each scaled to [-1, 1), summed in
     * channel order in float (as the decoder before did, so the samples are the same to the bit).
     */
    private static void mix(FlacFrameDecoder frames, int channels, int blockSize, float scale, float[] mono) {
        int[] first = frames.channel(0);
        for (int i = 0; i < blockSize; i++) {
            mono[i] = first[i] * scale;
        }
        if (channels == 1) {
            return;
        }
        for (int c = 1; c < channels; c++) {
            int[] s = frames.channel(c);
            for (int i = 0; i < blockSize; i++) {
                mono[i] += s[i] * scale;
            }
        }
        for (int i = 0; i < blockSize; i++) {
            mono[i] = Mixdown.mean(mono[i], channels);
        }
    }

    private static AudioDecodeException error(AudioDecodeException.Kind kind, String message, Throwable cause) {
        return new AudioDecodeException(kind, FORMAT, message, cause);
    }
}
