package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatSnifferTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tone1k_16000_mono_s16.wav,WAV,wav", "tone1k_44100_stereo.mp3,MP3,mp3",
        "tone1k_16000_mono_s16.flac,FLAC,flac", "tone1k_44100_stereo.ogg,OGG_VORBIS,ogg",
        "tone1k_44100_stereo.m4a,M4A,m4a", "tone1k_48000_stereo_opus.webm,FFMPEG_ONLY,webm",
        "tone1k_48000_mono.opus,FFMPEG_ONLY,opus", "tone1k_22050_mono.aiff,FFMPEG_ONLY,aiff",
        "tone1k_8000_mono_alaw.wav,WAV,wav"})
    void recognises_each_fixture_by_its_magic_bytes(String fixture, SniffedFormat.Container container, String name) {
        SniffedFormat sniffed = FormatSniffer.sniff(Fixtures.bytes(fixture));

        assertEquals(container, sniffed.container());
        assertEquals(name, sniffed.name());
    }

    @Test
    void finds_flac_behind_an_id3_tag() {
        byte[] flac = Fixtures.bytes("tone1k_16000_mono_s16.flac");
        byte[] tagged = new byte[10 + 20 + flac.length];
        System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, tagged, 0, 3);
        tagged[3] = 4;
        tagged[9] = 20;
        System.arraycopy(flac, 0, tagged, 30, flac.length);

        SniffedFormat sniffed = FormatSniffer.sniff(tagged);

        assertEquals(SniffedFormat.Container.FLAC, sniffed.container());
        assertEquals(30, sniffed.payloadOffset());
    }

    @Test
    void tells_adts_aac_from_mpeg_audio() {
        assertEquals("aac-adts", FormatSniffer.sniff(new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80}).name());
        assertEquals("mp3", FormatSniffer.sniff(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x44}).name());
        // reserved bitrate index 15: not a frame header
        assertEquals("unknown", FormatSniffer.sniff(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0xF0, 0x44}).name());
    }

    @Test
    void does_not_mistake_text_or_images_for_audio() {
        assertEquals(SniffedFormat.Container.UNKNOWN,
                FormatSniffer.sniff("<!DOCTYPE html><html>".getBytes(StandardCharsets.US_ASCII)).container());
        assertEquals(SniffedFormat.Container.UNKNOWN,
                FormatSniffer.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}).container());
    }

    @Test
    void refuses_unknown_input_naming_its_first_bytes_and_the_accepted_formats() {
        AudioDecoder decoder = new AudioDecoder(DecodeLimits.DEFAULT, null);

        AudioDecodeException e = assertThrows(AudioDecodeException.class,
                () -> decoder.decode("hello world".getBytes(StandardCharsets.US_ASCII)));

        assertEquals(AudioDecodeException.Kind.UNSUPPORTED_FORMAT, e.kind());
        assertEquals("unknown", e.detectedFormat());
        assertTrue(e.getMessage().contains("68 65 6c 6c") && e.getMessage().contains("WAV, MP3, FLAC"), e.getMessage());
    }

    @Test
    void refuses_empty_and_oversized_input() {
        AudioDecoder decoder = new AudioDecoder(new DecodeLimits(100, 600), null);

        AudioDecodeException empty = assertThrows(AudioDecodeException.class, () -> decoder.decode(new byte[0]));
        AudioDecodeException large = assertThrows(AudioDecodeException.class, () -> decoder.decode(new byte[101]));

        assertEquals(AudioDecodeException.Kind.EMPTY, empty.kind());
        assertEquals(AudioDecodeException.Kind.TOO_LARGE, large.kind());
        assertTrue(large.getMessage().contains("101") && large.getMessage().contains("100"), large.getMessage());
    }

    @Test
    void validates_decode_limits_and_decoded_audio() {
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new DecodedAudio(new float[1], 0, 1, "wav"));
        assertThrows(IllegalArgumentException.class, () -> new DecodedAudio(new float[1], 16000, 0, "wav"));
        assertEquals(0.5, new DecodedAudio(new float[8000], 16000, 1, "wav").durationSeconds(), 1e-12);
    }
}
