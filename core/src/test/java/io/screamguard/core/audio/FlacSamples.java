package io.screamguard.core.audio;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * A FLAC file's integer samples, interleaved, from three decoders: ours, jflac (the library the
 * project used before) and the {@code ffmpeg} executable, so tests can compare them bit for bit.
 */
final class FlacSamples {

    private FlacSamples() {
    }

    /** Interleaved samples and the stream's layout. */
    record Pcm(int[] samples, int channels, int bitsPerSample, int sampleRateHz) {

        int frames() {
            return samples.length / channels;
        }
    }

    /** Our decoder: STREAMINFO, then every frame, channels interleaved. */
    static Pcm ours(byte[] file) throws IOException, AudioDecodeException {
        FlacBitReader bits = new FlacBitReader(new ByteArrayInputStream(file));
        FlacStreamInfo info = FlacDecoder.readHeader(bits, file.length);
        FlacFrameDecoder frames = new FlacFrameDecoder(bits, info, "flac");
        int channels = info.channels();
        IntList out = new IntList();
        while (true) {
            int blockSize = frames.next();
            if (blockSize <= 0) {
                break;
            }
            for (int i = 0; i < blockSize; i++) {
                for (int c = 0; c < channels; c++) {
                    out.add(frames.channel(c)[i]);
                }
            }
        }
        return new Pcm(out.toArray(), channels, info.bitsPerSample(), info.sampleRateHz());
    }

    /** jflac 1.5.2: little-endian PCM per frame (8-bit unsigned), turned back into signed integers. */
    static Pcm jflac(byte[] file) throws IOException {
        org.jflac.FLACDecoder decoder = new org.jflac.FLACDecoder(new ByteArrayInputStream(file));
        decoder.readMetadata();
        StreamInfo info = decoder.getStreamInfo();
        int bits = info.getBitsPerSample();
        int bytes = (bits + 7) / 8;
        IntList out = new IntList();
        ByteData pcm = null;
        try {
            while (true) {
                Frame frame = decoder.readNextFrame();
                if (frame == null) {
                    break;
                }
                pcm = decoder.decodeFrame(frame, pcm);
                byte[] d = pcm.getData();
                for (int at = 0; at + bytes <= pcm.getLen(); at += bytes) {
                    out.add(bytes == 1 ? (d[at] & 0xFF) - 128 : bytes == 2 ? (short) ((d[at] & 0xFF) | d[at + 1] << 8)
                            : (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | d[at + 2] << 16);
                }
            }
        } catch (EOFException e) {
            // the end
        }
        return new Pcm(out.toArray(), info.getChannels(), bits, info.getSampleRate());
    }

    /** ffmpeg's decode as signed 32-bit, shifted back down to the stream's bit depth. */
    static int[] ffmpeg(Path ffmpeg, Path file, int bitsPerSample) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ffmpeg.toString(), "-v", "error", "-i", file.toString(), "-f", "s32le", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] raw;
        try (InputStream in = p.getInputStream()) {
            raw = in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not decode " + file);
        }
        int[] out = new int[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        for (int i = 0; i < out.length; i++) {
            out[i] >>= 32 - bitsPerSample;
        }
        return out;
    }

    /** Runs ffmpeg with the arguments; fails with its output when it fails. */
    static void run(Path ffmpeg, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ffmpeg.toString());
        command.addAll(List.of("-v", "error", "-y"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + command + "\n" + output);
        }
    }

    static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[1 << 16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
