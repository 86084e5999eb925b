package io.screamguard.core.audio;

import java.io.ByteArrayInputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MPEG audio (layers I-III, MPEG 1/2/2.5) through JLayer, the decoder behind mp3spi, called
 * directly so no Java Sound provider probing is involved. A leading ID3v2 tag is skipped by JLayer.
 * The output keeps the encoder delay (typically 1105 samples from LAME) like most decoders. A file cut
 * off mid-stream decodes to its complete frames (MP3 carries no reliable total length). Thread-safe
 * (JLayer's lazily built static tables are completed once, when this class is initialised).
 */
final class Mp3Decoder {

    static final String FORMAT = "mp3";
    /** An MPEG-1 Layer III frame header: 128 kbit/s, 44.1 kHz, mono; such a frame is 417 bytes. */
    private static final int[] SILENT_FRAME_HEADER = {0xFF, 0xFB, 0x90, 0xC0};
    private static final int SILENT_FRAME_BYTES = 417;

    static {
        warmUpJLayer();
    }

    private Mp3Decoder() {
    }

    /**
     * JLayer fills some static tables lazily and unsafely (LayerIIIDecoder's reorder table and
     * SynthesisFilter's window are published before they are complete), so two first decodes running
     * at once could fail. Decoding one silent frame here, inside class initialisation (which the JVM
     * runs once, with other threads waiting), completes those tables before any real decode.
     */
    private static void warmUpJLayer() {
        byte[] frames = new byte[2 * SILENT_FRAME_BYTES];
        for (int f = 0; f < 2; f++) {
            for (int i = 0; i < SILENT_FRAME_HEADER.length; i++) {
                frames[f * SILENT_FRAME_BYTES + i] = (byte) SILENT_FRAME_HEADER[i];
            }
        }
        try {
            Bitstream bitstream = new Bitstream(new ByteArrayInputStream(frames));
            Header header = bitstream.readFrame();
            new Decoder().decodeFrame(header, bitstream);
            bitstream.closeFrame();
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            // best effort: without the warm-up only simultaneous first decodes are at risk
        }
    }

    static DecodedAudio decode(byte[] b, DecodeLimits limits) throws AudioDecodeException {
        return decode(new ByteArrayInputStream(b), limits, null);
    }

    /**
     * Decodes frame by frame from a stream (JLayer reads it incrementally).
     *
     * @param sink where the samples go, or null to return them
     */
    static DecodedAudio decode(java.io.InputStream in, DecodeLimits limits, MonoSink sink) throws AudioDecodeException {
        Bitstream bitstream = new Bitstream(in);
        Decoder decoder = new Decoder();
        MonoBuffer out = null;
        int rate = 0;
        int channels = 0;
        try {
            Header header;
            while ((header = bitstream.readFrame()) != null) {
                SampleBuffer pcm;
                try {
                    pcm = (SampleBuffer) decoder.decodeFrame(header, bitstream);
                } finally {
                    bitstream.closeFrame();
                }
                if (out == null) {
                    rate = pcm.getSampleFrequency();
                    channels = pcm.getChannelCount();
                    Mixdown.checkSampleRate(rate, FORMAT);
                    Mixdown.checkChannels(channels, FORMAT);
                    out = new MonoBuffer(limits, rate, FORMAT, sink);
                } else if (pcm.getSampleFrequency() != rate || pcm.getChannelCount() != channels) {
                    throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, FORMAT, "the MP3 stream changes from "
                            + rate + " Hz/" + channels + " ch to " + pcm.getSampleFrequency() + " Hz/"
                            + pcm.getChannelCount() + " ch mid-stream: convert it to WAV or FLAC first");
                }
                short[] samples = pcm.getBuffer();
                int frames = pcm.getBufferLength() / channels;
                for (int f = 0; f < frames; f++) {
                    float sum = 0f;
                    for (int c = 0; c < channels; c++) {
                        sum += samples[f * channels + c] / 32768f;
                    }
                    out.add(Mixdown.mean(sum, channels));
                }
            }
        } catch (BitstreamException | DecoderException e) {
            if (out == null || out.size() == 0) {
                throw new AudioDecodeException(AudioDecodeException.Kind.CORRUPT, FORMAT,
                        "the MP3 stream cannot be decoded (" + e.getMessage() + "): re-export the file", e);
            }
            // a damaged tail after good frames: keep the good part, as players do
        }
        if (out == null || out.size() == 0) {
            throw new AudioDecodeException(AudioDecodeException.Kind.EMPTY, FORMAT,
                    "the file starts like MP3 but contains no decodable audio frame: upload a real recording");
        }
        return new DecodedAudio(out.toArray(), rate, channels, FORMAT);
    }
}
