package io.screamguard.core.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;

/**
 * Ogg Vorbis through JOrbis, driven directly (page -> packet -> block -> PCM), not through vorbisspi,
 * which drops audio. Only the first logical stream is decoded. Truncation policy: a stream without
 * its end-of-stream page was cut off and is TRUNCATED. Thread-safe (no shared state).
 */
final class OggVorbisDecoder {

    static final String FORMAT = "ogg";
    private static final int FEED_BYTES = 8192;

    private OggVorbisDecoder() {
    }

    /** Ogg pages fed from a stream, {@link #FEED_BYTES} at a time. */
    private static final class PageReader {
        private final java.io.InputStream in;
        private final SyncState sync = new SyncState();
        private boolean ended;

        PageReader(java.io.InputStream in) {
            this.in = in;
            sync.init();
        }

        /** @return true with the next page in {@code page}, false at the end of the input */
        boolean next(Page page) {
            while (true) {
                int result = sync.pageout(page);
                if (result == 1) {
                    return true;
                }
                if (result == 0) {
                    if (ended) {
                        return false;
                    }
                    int index = sync.buffer(FEED_BYTES);
                    int n;
                    try {
                        n = in.readNBytes(sync.data, index, FEED_BYTES);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (n < FEED_BYTES) {
                        ended = true;
                    }
                    sync.wrote(n);
                }
                // result < 0: lost sync (garbage or a hole), keep scanning
            }
        }
    }

    static DecodedAudio decode(byte[] b, DecodeLimits limits) throws AudioDecodeException {
        return decode(new java.io.ByteArrayInputStream(b), limits, null);
    }

    /**
     * Decodes page by page from a stream.
     *
     * @param sink where the samples go, or null to return them
     */
    static DecodedAudio decode(java.io.InputStream in, DecodeLimits limits, MonoSink sink) throws AudioDecodeException {
        PageReader pages = new PageReader(in);
        Page page = new Page();
        Packet packet = new Packet();
        if (!pages.next(page)) {
            throw error(AudioDecodeException.Kind.TRUNCATED,
                    "the Ogg file ends before its first page: the upload was cut off, send the whole file");
        }
        StreamState stream = new StreamState();
        int serial = page.serialno();
        stream.init(serial);
        Info info = new Info();
        Comment comment = new Comment();
        info.init();
        comment.init();
        int headers = 0;
        boolean more = true;
        while (headers < 3 && more) {
            stream.pagein(page);
            int r;
            while (headers < 3 && (r = stream.packetout(packet)) != 0) {
                if (r < 0 || info.synthesis_headerin(comment, packet) < 0) {
                    throw error(AudioDecodeException.Kind.CORRUPT, "the Ogg stream's header packet " + (headers + 1)
                            + " is not a valid Vorbis header: re-export the file");
                }
                headers++;
            }
            more = headers < 3 && nextOfStream(pages, page, serial);
        }
        if (headers < 3) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the Ogg Vorbis file ends inside its headers ("
                    + headers + " of 3): the upload was cut off, send the whole file");
        }
        Mixdown.checkSampleRate(info.rate, FORMAT);
        Mixdown.checkChannels(info.channels, FORMAT);
        MonoBuffer out = new MonoBuffer(limits, info.rate, FORMAT, sink);
        DspState dsp = new DspState();
        dsp.synthesis_init(info);
        Block block = new Block(dsp);
        boolean ended = decodeAudio(pages, page, packet, stream, serial, dsp, block, info.channels, out);
        if (!ended) {
            throw error(AudioDecodeException.Kind.TRUNCATED, "the Ogg Vorbis stream stops after " + out.size()
                    + " samples without its end-of-stream page: the upload was cut off, send the whole file");
        }
        if (out.size() == 0) {
            throw error(AudioDecodeException.Kind.EMPTY, "the Ogg Vorbis file contains no samples: record some audio");
        }
        return new DecodedAudio(out.toArray(), info.rate, info.channels, FORMAT);
    }

    /** Decodes the audio pages; returns whether the end-of-stream page was reached. */
    private static boolean decodeAudio(PageReader pages, Page page, Packet packet, StreamState stream, int serial,
            DspState dsp, Block block, int channels, MonoBuffer out) throws AudioDecodeException {
        float[][][] pcm = new float[1][][];
        int[] index = new int[channels];
        // the last header page may already hold audio packets
        drainPackets(packet, stream, dsp, block, pcm, index, channels, out);
        while (page.eos() == 0) {
            if (!nextOfStream(pages, page, serial)) {
                return false;
            }
            stream.pagein(page);
            drainPackets(packet, stream, dsp, block, pcm, index, channels, out);
        }
        return true;
    }

    private static void drainPackets(Packet packet, StreamState stream, DspState dsp, Block block,
            float[][][] pcm, int[] index, int channels, MonoBuffer out) throws AudioDecodeException {
        int r;
        while ((r = stream.packetout(packet)) != 0) {
            if (r < 0) {
                continue;
            }
            if (block.synthesis(packet) == 0) {
                dsp.synthesis_blockin(block);
            }
            int samples;
            while ((samples = dsp.synthesis_pcmout(pcm, index)) > 0) {
                float[][] channelData = pcm[0];
                for (int i = 0; i < samples; i++) {
                    float sum = 0f;
                    for (int c = 0; c < channels; c++) {
                        sum += channelData[c][index[c] + i];
                    }
                    float mono = Mixdown.mean(sum, channels);
                    if (!Float.isFinite(mono)) {
                        throw error(AudioDecodeException.Kind.CORRUPT, "the Vorbis stream decodes to non-finite"
                                + " samples: the file is damaged, re-export it");
                    }
                    out.add(mono);
                }
                dsp.synthesis_read(samples);
            }
        }
    }

    private static boolean nextOfStream(PageReader pages, Page page, int serial) {
        while (pages.next(page)) {
            if (page.serialno() == serial) {
                return true;
            }
        }
        return false;
    }

    private static AudioDecodeException error(AudioDecodeException.Kind kind, String message) {
        return new AudioDecodeException(kind, FORMAT, message);
    }
}
