package io.screamguard.core.audio;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * The project's FLAC decoder before issue 12 (jflac-codec, frame by frame), kept in the tests to
 * measure the new decoder against ({@link FlacDecodeBenchmark}). jflac hands out interleaved
 * little-endian PCM (8-bit as unsigned); 8, 16 and 24-bit streams are supported. Truncation policy: when STREAMINFO declares a
 * total length and fewer samples could be decoded, the file is TRUNCATED; the declared length is also
 * checked against the duration limit before decoding. A damaged frame is skipped (jflac resyncs) up to
 * {@link #MAX_BAD_FRAMES} of them; then the file is CORRUPT. Thread-safe (no shared state).
 */
final class JflacFlacDecoder {

    static final String FORMAT = "flac";
    /** Bad frames tolerated before giving up (jflac retries a bad frame header forever otherwise). */
    static final int MAX_BAD_FRAMES = 16;

    private JflacFlacDecoder() {
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
    static DecodedAudio decode(java.io.InputStream in, long fileBytes, DecodeLimits limits, MonoSink sink)
            throws AudioDecodeException {
        org.jflac.FLACDecoder decoder = new org.jflac.FLACDecoder(in);
        BadFrameCounter badFrames = new BadFrameCounter();
        decoder.addFrameListener(badFrames);
        StreamInfo info;
        try {
            decoder.readMetadata();
            info = decoder.getStreamInfo();
        } catch (EOFException e) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the FLAC header is cut off after " + fileBytes
                    + " bytes: send the whole file", e);
        } catch (IOException e) {
            throw error(AudioDecodeException.Kind.CORRUPT, "the FLAC header cannot be read (" + e.getMessage()
                    + "): re-export the file", e);
        }
        if (info == null) {
            throw error(AudioDecodeException.Kind.CORRUPT, "the FLAC file has no STREAMINFO block: re-export it", null);
        }
        int rate = info.getSampleRate();
        int channels = info.getChannels();
        int bits = info.getBitsPerSample();
        Mixdown.checkSampleRate(rate, FORMAT);
        Mixdown.checkChannels(channels, FORMAT);
        if (bits != 8 && bits != 16 && bits != 24) {
            throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, "flac-" + bits + "bit",
                    "the FLAC stream has " + bits + "-bit samples; 8, 16 and 24 are supported: install ffmpeg"
                    + " or convert it to 16-bit FLAC or WAV");
        }
        long declared = info.getTotalSamples();
        long maxFrames = MonoBuffer.maxFrames(limits, rate, sink);
        if (declared > maxFrames) {
            throw MonoBuffer.tooLong(FORMAT, limits.maxSeconds(), rate, maxFrames);
        }
        MonoBuffer out = new MonoBuffer(limits, rate, FORMAT, sink);
        try {
            decodeFrames(decoder, channels, bits, out);
        } catch (TooManyBadFrames e) {
            throw error(AudioDecodeException.Kind.CORRUPT, "the FLAC data has more than " + MAX_BAD_FRAMES
                    + " damaged frames (" + e.getMessage() + "): re-export the file", e);
        }
        if (out.size() == 0) {
            throw error(AudioDecodeException.Kind.EMPTY, "the FLAC file contains no samples: record some audio", null);
        }
        if (declared > 0 && out.size() < declared) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the FLAC file declares " + declared
                    + " samples but only " + out.size() + " decode" + (badFrames.count > 0 ? " (" + badFrames.count
                    + " damaged frames)" : "") + ": the upload was cut off or damaged, send the whole file", null);
        }
        return new DecodedAudio(out.toArray(), rate, channels, FORMAT);
    }

    private static void decodeFrames(org.jflac.FLACDecoder decoder, int channels, int bits, MonoBuffer out)
            throws AudioDecodeException {
        int bytesPerSample = (bits + 7) / 8;
        float scale = 1f / (1 << (bits - 1));
        ByteData pcm = null;
        try {
            while (true) {
                Frame frame = decoder.readNextFrame();
                if (frame == null) {
                    return;
                }
                if (frame.header.channels != channels || frame.header.bitsPerSample != bits) {
                    throw error(AudioDecodeException.Kind.CORRUPT, "a FLAC frame has " + frame.header.channels
                            + " channels/" + frame.header.bitsPerSample + " bits instead of the declared " + channels
                            + "/" + bits + ": the file is damaged, re-export it", null);
                }
                pcm = decoder.decodeFrame(frame, pcm);
                byte[] data = pcm.getData();
                int frames = pcm.getLen() / (bytesPerSample * channels);
                int at = 0;
                for (int f = 0; f < frames; f++) {
                    float sum = 0f;
                    for (int c = 0; c < channels; c++) {
                        sum += sample(data, at, bytesPerSample) * scale;
                        at += bytesPerSample;
                    }
                    out.add(Mixdown.mean(sum, channels));
                }
            }
        } catch (EOFException e) {
            // end of the stream (a cut-off last frame is caught by the declared total)
        } catch (IOException e) {
            throw error(AudioDecodeException.Kind.CORRUPT, "a FLAC frame cannot be decoded (" + e.getMessage()
                    + "): re-export the file", e);
        }
    }

    /** Thrown from jflac's error callback to break its retry loop; unchecked so it passes through jflac. */
    private static final class TooManyBadFrames extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyBadFrames(String message) {
            super(message, null, false, false);
        }
    }

    /** Counts the frames jflac reports as bad and stops it after {@link #MAX_BAD_FRAMES}. */
    private static final class BadFrameCounter implements FrameListener {
        private int count;

        @Override
        public void processMetadata(Metadata metadata) {
            // not needed
        }

        @Override
        public void processFrame(Frame frame) {
            // not needed
        }

        @Override
        public void processError(String message) {
            count++;
            if (count > MAX_BAD_FRAMES) {
                throw new TooManyBadFrames(message);
            }
        }
    }

    private static int sample(byte[] d, int at, int bytes) {
        switch (bytes) {
            case 1:
                return (d[at] & 0xFF) - 128;
            case 2:
                return (short) ((d[at] & 0xFF) | d[at + 1] << 8);
            default:
                return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | d[at + 2] << 16;
        }
    }

    private static AudioDecodeException error(AudioDecodeException.Kind kind, String message, Throwable cause) {
        return new AudioDecodeException(kind, FORMAT, message, cause);
    }
}
