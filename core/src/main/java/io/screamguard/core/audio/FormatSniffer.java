package io.screamguard.core.audio;

import java.nio.charset.StandardCharsets;

/**
 * Recognises audio containers by their first bytes (never by a file name). Pure and thread-safe.
 */
final class FormatSniffer {

    private FormatSniffer() {
    }

    /**
     * Names the container of an input.
     *
     * @param b the whole input (only the first bytes, or those after an ID3v2 tag, are read)
     * @return the format; {@link SniffedFormat.Container#UNKNOWN} when nothing matches
     */
    static SniffedFormat sniff(byte[] b) {
        if (startsWith(b, 0, "RIFF") || startsWith(b, 0, "RIFX") || startsWith(b, 0, "RF64")
                || startsWith(b, 0, "BW64")) {
            if (b.length < 12 || startsWith(b, 8, "WAVE")) {
                return of(SniffedFormat.Container.WAV, "wav");
            }
            return of(SniffedFormat.Container.FFMPEG_ONLY, "riff-" + ascii(b, 8, 4).strip().toLowerCase());
        }
        if (startsWith(b, 0, "fLaC")) {
            return of(SniffedFormat.Container.FLAC, "flac");
        }
        if (startsWith(b, 0, "ID3")) {
            return afterId3(b);
        }
        if (startsWith(b, 0, "OggS")) {
            return sniffOgg(b);
        }
        if (b.length >= 8 && startsWith(b, 4, "ftyp")) {
            return of(SniffedFormat.Container.M4A, "m4a");
        }
        if (matches(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "webm");
        }
        if (startsWith(b, 0, "FORM") && b.length >= 12 && (startsWith(b, 8, "AIFF") || startsWith(b, 8, "AIFC"))) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "aiff");
        }
        SniffedFormat other = sniffOthers(b);
        if (other != null) {
            return other;
        }
        String mpeg = mpegAudioSync(b, 0);
        if (mpeg != null) {
            return "aac-adts".equals(mpeg) ? of(SniffedFormat.Container.FFMPEG_ONLY, mpeg)
                    : of(SniffedFormat.Container.MP3, "mp3");
        }
        return of(SniffedFormat.Container.UNKNOWN, "unknown");
    }

    private static SniffedFormat sniffOthers(byte[] b) {
        if (startsWith(b, 0, "#!AMR")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "amr");
        }
        if (startsWith(b, 0, "caff")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "caf");
        }
        if (startsWith(b, 0, ".snd")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "au");
        }
        if (startsWith(b, 0, "wvpk")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "wavpack");
        }
        if (startsWith(b, 0, "MAC ")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "ape");
        }
        if (startsWith(b, 0, "ADIF")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "aac-adif");
        }
        if (matches(b, 0, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11)) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "asf");
        }
        return null;
    }

    private static SniffedFormat afterId3(byte[] b) {
        if (b.length < 10) {
            return of(SniffedFormat.Container.MP3, "mp3");
        }
        long size = ((b[6] & 0x7FL) << 21) | ((b[7] & 0x7FL) << 14) | ((b[8] & 0x7FL) << 7) | (b[9] & 0x7FL);
        long end = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
        if (end < b.length && startsWith(b, (int) end, "fLaC")) {
            return new SniffedFormat(SniffedFormat.Container.FLAC, "flac", (int) end);
        }
        return of(SniffedFormat.Container.MP3, "mp3");
    }

    private static SniffedFormat sniffOgg(byte[] b) {
        // the first page holds the first packet of the first logical stream (RFC 3533)
        if (b.length < 27) {
            return of(SniffedFormat.Container.OGG_VORBIS, "ogg");
        }
        int segments = b[26] & 0xFF;
        int packet = 27 + segments;
        if (matches(b, packet, 0x01) && startsWith(b, packet + 1, "vorbis")) {
            return of(SniffedFormat.Container.OGG_VORBIS, "ogg");
        }
        if (startsWith(b, packet, "OpusHead")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "opus");
        }
        if (matches(b, packet, 0x7F) && startsWith(b, packet + 1, "FLAC")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "ogg-flac");
        }
        if (startsWith(b, packet, "Speex   ")) {
            return of(SniffedFormat.Container.FFMPEG_ONLY, "speex");
        }
        if (b.length < packet + 7) {
            return of(SniffedFormat.Container.OGG_VORBIS, "ogg");
        }
        return of(SniffedFormat.Container.FFMPEG_ONLY, "ogg-other");
    }

    /**
     * Checks for an MPEG audio frame header (11 sync bits, then valid version, layer, bitrate and
     * rate fields) at an offset.
     *
     * @return "mp3" for MPEG audio layers I-III, "aac-adts" for an ADTS header, null otherwise
     */
    static String mpegAudioSync(byte[] b, int at) {
        if (b.length < at + 4 || (b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xE0) != 0xE0) {
            return null;
        }
        int version = (b[at + 1] >> 3) & 3;
        int layer = (b[at + 1] >> 1) & 3;
        if (layer == 0) {
            return (b[at + 1] & 0xF6) == 0xF0 ? "aac-adts" : null;
        }
        int bitrateIndex = (b[at + 2] >> 4) & 0xF;
        int rateIndex = (b[at + 2] >> 2) & 3;
        if (version == 1 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        return "mp3";
    }

    private static SniffedFormat of(SniffedFormat.Container container, String name) {
        return new SniffedFormat(container, name, 0);
    }

    static boolean startsWith(byte[] b, int at, String ascii) {
        if (at < 0 || b.length < at + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(byte[] b, int at, int... values) {
        if (at < 0 || b.length < at + values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if ((b[at + i] & 0xFF) != values[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int at, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < Math.min(b.length, at + length); i++) {
            char c = (char) (b[i] & 0xFF);
            s.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.toString();
    }

    /** The first bytes as hex, for error messages, e.g. "3c 68 74 6d". */
    static String hexPrefix(byte[] b, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(count, b.length); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("%02x", b[i] & 0xFF));
        }
        return s.toString();
    }

    static String asciiPrefix(byte[] b, int count) {
        return new String(b, 0, Math.min(count, b.length), StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", ".");
    }
}
