package io.screamguard.core.audio;

import java.io.IOException;
import java.util.List;
import net.sourceforge.jaad.aac.Decoder;
import net.sourceforge.jaad.aac.Receiver;
import net.sourceforge.jaad.mp4.MP4Container;
import net.sourceforge.jaad.mp4.MP4InputStream;
import net.sourceforge.jaad.mp4.api.AudioTrack;
import net.sourceforge.jaad.mp4.api.Frame;
import net.sourceforge.jaad.mp4.api.Track;

/**
 * AAC in an ISO-BMFF container (M4A, MP4, 3GP) through JAAD as packaged by javasound-aac, driven
 * directly rather than through Java Sound (whose probing misreads other formats). The first AAC track
 * is decoded; JAAD hands out samples on the 16-bit scale, which are divided by 32768. The container
 * is read from a seekable in-memory stream, so files with the index (moov) after the data work.
 * Without an AAC track the format is UNSUPPORTED (ffmpeg may take over). Thread-safe: decodes are
 * serialised (see {@link #JAAD_NOISE_LOCK}) so that they are reproducible.
 */
final class M4aDecoder {

    static final String FORMAT = "m4a";

    private M4aDecoder() {
    }

    /**
     * JAAD draws the noise of AAC perceptual noise substitution from one static generator
     * ({@code ICStream.randomState}), so concurrent or successive decodes of the same file would give
     * different samples (by up to -40 dB). Decodes are serialised on this lock and the generator is
     * restarted from its initial seed each time: a file always decodes to the same samples.
     */
    private static final Object JAAD_NOISE_LOCK = new Object();
    private static final int JAAD_NOISE_SEED = 523124044;
    private static final java.lang.reflect.Field JAAD_NOISE_STATE = jaadNoiseState();

    private static java.lang.reflect.Field jaadNoiseState() {
        try {
            java.lang.reflect.Field field = Class.forName("net.sourceforge.jaad.aac.syntax.ICStream")
                    .getDeclaredField("randomState");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another JAAD version: decodes stay serialised, only the noise seed is not reset
            return null;
        }
    }

    static DecodedAudio decode(byte[] b, DecodeLimits limits) throws AudioDecodeException {
        return decode(new ByteArrayMp4Stream(b), limits, null);
    }

    /**
     * Decodes from a file read through a {@link RandomAccessFile} (the container is seeked, never
     * loaded whole), frame by frame into the sink.
     */
    static DecodedAudio decode(java.io.RandomAccessFile file, DecodeLimits limits, MonoSink sink)
            throws AudioDecodeException {
        return decode(new FileMp4Stream(file), limits, sink);
    }

    private static DecodedAudio decode(MP4InputStream in, DecodeLimits limits, MonoSink sink)
            throws AudioDecodeException {
        synchronized (JAAD_NOISE_LOCK) {
            if (JAAD_NOISE_STATE != null) {
                try {
                    JAAD_NOISE_STATE.setInt(null, JAAD_NOISE_SEED);
                } catch (IllegalAccessException e) {
                    // unreachable after setAccessible; the decode proceeds with the current seed
                }
            }
            return decodeSerially(in, limits, sink);
        }
    }

    private static DecodedAudio decodeSerially(MP4InputStream in, DecodeLimits limits, MonoSink sink)
            throws AudioDecodeException {
        AudioTrack track;
        long length;
        try {
            length = in.available();
        } catch (IOException e) {
            length = -1;
        }
        try {
            MP4Container container = new MP4Container(in);
            List<Track> tracks = container.getMovie().getTracks(AudioTrack.AudioCodec.AAC);
            if (tracks.isEmpty()) {
                throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, "mp4-non-aac",
                        "the MP4/M4A file has no AAC audio track (it may hold ALAC, Opus or only video): install"
                        + " ffmpeg or convert it to WAV or FLAC");
            }
            track = (AudioTrack) tracks.get(0);
        } catch (java.io.EOFException e) {
            throw new AudioDecodeException(AudioDecodeException.Kind.TRUNCATED, FORMAT, "the MP4/M4A file ends inside"
                    + " its container structure (" + length + " bytes): the upload was cut off, send the whole file", e);
        } catch (IOException e) {
            throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, FORMAT, "the MP4/M4A container cannot"
                    + " be read (" + e.getMessage() + "): re-export the file", e);
        }
        Decoder decoder;
        try {
            decoder = Decoder.create(track.getDecoderSpecificInfo().getData());
        } catch (IOException e) {
            throw new AudioDecodeException(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, "m4a-aac-profile",
                    "the AAC profile of this file is not supported (" + e.getMessage() + "): install ffmpeg or"
                    + " convert it to WAV or FLAC", e);
        }
        // JAAD assumes parametric stereo may follow and hands out two (equal) channels for a mono
        // stream: report the channel configuration the file declares
        MonoReceiver receiver = new MonoReceiver(limits, decoder.getConfig().getChannelConfiguration().getChannelCount(),
                sink);
        try {
            while (track.hasMoreFrames()) {
                Frame frame = track.readNextFrame();
                if (frame == null) {
                    break;
                }
                decoder.decodeFrame(frame.getData(), receiver);
                receiver.rethrow();
            }
        } catch (IOException e) {
            throw new AudioDecodeException(receiver.count() == 0 ? AudioDecodeException.Kind.CORRUPT
                    : AudioDecodeException.Kind.TRUNCATED, FORMAT, "the AAC data breaks off after "
                    + receiver.count() + " samples (" + e.getMessage() + "): send the whole file or re-export it", e);
        }
        return receiver.result();
    }

    /** Mixes JAAD's per-channel float blocks into a {@link MonoBuffer}. */
    private static final class MonoReceiver implements Receiver {
        private final DecodeLimits limits;
        private MonoBuffer out;
        private int rate;
        private int channels;
        private final int declaredChannels;
        private final MonoSink sink;
        private AudioDecodeException failure;

        MonoReceiver(DecodeLimits limits, int declaredChannels, MonoSink sink) {
            this.limits = limits;
            this.declaredChannels = declaredChannels;
            this.sink = sink;
        }

        @Override
        public void accept(List<float[]> samples, int length, int sampleRateHz) {
            if (failure != null) {
                return;
            }
            try {
                if (out == null) {
                    Mixdown.checkSampleRate(sampleRateHz, FORMAT);
                    Mixdown.checkChannels(samples.size(), FORMAT);
                    rate = sampleRateHz;
                    channels = samples.size();
                    out = new MonoBuffer(limits, rate, FORMAT, sink);
                } else if (sampleRateHz != rate || samples.size() != channels) {
                    throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, FORMAT, "the AAC stream changes"
                            + " from " + rate + " Hz/" + channels + " ch to " + sampleRateHz + " Hz/" + samples.size()
                            + " ch: re-export the file");
                }
                for (int i = 0; i < length; i++) {
                    float sum = 0f;
                    for (float[] channel : samples) {
                        sum += channel[(int) ((long) channel.length * i / length)];
                    }
                    out.add(Mixdown.mean(sum, channels) / 32768f);
                }
            } catch (AudioDecodeException e) {
                failure = e;
            }
        }

        void rethrow() throws AudioDecodeException {
            if (failure != null) {
                throw failure;
            }
        }

        long count() {
            return out == null ? 0 : out.size();
        }

        DecodedAudio result() throws AudioDecodeException {
            rethrow();
            if (count() == 0) {
                throw new AudioDecodeException(AudioDecodeException.Kind.EMPTY, FORMAT,
                        "the M4A file contains no AAC samples: record some audio");
            }
            return new DecodedAudio(out.toArray(), rate, declaredChannels > 0 ? declaredChannels : channels, FORMAT);
        }
    }

    /** A seekable {@link MP4InputStream} over a file: the container is read where JAAD seeks. */
    private static final class FileMp4Stream extends MP4InputStream {
        private final java.io.RandomAccessFile file;

        FileMp4Stream(java.io.RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public long getOffset() throws IOException {
            return file.getFilePointer();
        }

        @Override
        public void seek(long offset) throws IOException {
            if (offset < 0 || offset > file.length()) {
                throw new IOException("seek to " + offset + " outside a file of " + file.length() + " bytes");
            }
            file.seek(offset);
        }

        @Override
        public boolean seekSupported() {
            return true;
        }

        @Override
        public boolean hasLeft() throws IOException {
            return file.getFilePointer() < file.length();
        }

        @Override
        public void close() {
            // the caller closes the file
        }

        @Override
        public int read() throws IOException {
            return file.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return file.read(target, offset, length);
        }

        @Override
        public long skip(long n) throws IOException {
            // as ByteArrayMp4Stream: a box over 2 GiB arrives here as n <= 0; end JAAD's loops here
            long position = file.getFilePointer();
            if (n <= 0 || position >= file.length()) {
                throw new java.io.EOFException("the MP4 file ends inside a box");
            }
            long skipped = Math.min(n, file.length() - position);
            file.seek(position + skipped);
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(Integer.MAX_VALUE, file.length() - file.getFilePointer());
        }
    }

    /** A seekable {@link MP4InputStream} over a byte array. */
    private static final class ByteArrayMp4Stream extends MP4InputStream {
        private final byte[] bytes;
        private int position;

        ByteArrayMp4Stream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long getOffset() {
            return position;
        }

        @Override
        public void seek(long offset) throws IOException {
            if (offset < 0 || offset > bytes.length) {
                throw new IOException("seek to " + offset + " outside a file of " + bytes.length + " bytes");
            }
            position = (int) offset;
        }

        @Override
        public boolean seekSupported() {
            return true;
        }

        @Override
        public boolean hasLeft() {
            return position < bytes.length;
        }

        @Override
        public void close() {
            // nothing to release
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // JAAD's skipBytes retries until it has skipped everything and narrows the count to an
            // int on the way (a box over 2 GiB arrives here as n <= 0): end both loops here
            if (n <= 0 || position >= bytes.length) {
                throw new java.io.EOFException("the MP4 file ends inside a box");
            }
            long skipped = Math.max(0, Math.min(n, bytes.length - (long) position));
            position += (int) skipped;
            return skipped;
        }

        @Override
        public int available() {
            return bytes.length - position;
        }
    }
}
