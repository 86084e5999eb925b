package io.screamguard.core.audio;

/**
 * What the magic bytes say about an input.
 *
 * @param container     which decoder handles it
 * @param name          short name used in {@link DecodedAudio#format()} and error messages, e.g.
 *                      "wav", "mp3", "opus", "aiff", "unknown"
 * @param payloadOffset where the decoder should start reading (past an ID3v2 tag before FLAC, else 0)
 */
record SniffedFormat(Container container, String name, int payloadOffset) {

    /** The decoder families. */
    enum Container {
        WAV, MP3, FLAC, OGG_VORBIS, M4A,
        /** Recognised, but only ffmpeg decodes it here. */
        FFMPEG_ONLY,
        /** The magic bytes matched nothing we know. */
        UNKNOWN
    }

    SniffedFormat {
        if (container == null || name == null || payloadOffset < 0) {
            throw new IllegalArgumentException("bad sniff result " + container + "/" + name + "/" + payloadOffset);
        }
    }
}
