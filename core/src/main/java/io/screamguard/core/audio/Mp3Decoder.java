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
 * (no shared state).
 */
final class Mp3Decoder {

    static final String FORMAT = "mp3";

    private Mp3Decoder() {
    }

    static DecodedAudio decode(byte[] b, DecodeLimits limits) throws AudioDecodeException {
        Bitstream bitstream = new Bitstream(new ByteArrayInputStream(b));
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
                    out = new MonoBuffer(limits, rate, FORMAT);
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
                    out.add(channels == 1 ? sum : sum / channels);
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
