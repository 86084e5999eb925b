package io.screamguard.core.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the committed synthetic fixtures under {@code src/test/resources/audio/}. */
final class Fixtures {

    /** Every fixture: a 1 s, 1 kHz tone of amplitude 0.5 (the same tone in every channel). */
    static final String[] JAVA_DECODED = {
        "tone1k_16000_mono_s16.wav", "tone1k_22050_stereo_s24.wav", "tone1k_44100_stereo.mp3",
        "tone1k_16000_mono.mp3", "tone1k_16000_mono_s16.flac", "tone1k_48000_stereo_s24.flac",
        "tone1k_44100_stereo.ogg", "tone1k_22050_mono.ogg", "tone1k_44100_stereo.m4a",
        "tone1k_16000_mono_faststart.m4a", "tone1k_8000_mono_s8.flac"};

    /** Fixtures only ffmpeg decodes here. */
    static final String[] FFMPEG_DECODED = {
        "tone1k_48000_stereo_opus.webm", "tone1k_48000_mono.opus", "tone1k_22050_mono.aiff",
        "tone1k_8000_mono_alaw.wav", "tone1k_8000_mono_alac.m4a"};

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture /audio/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rate in a fixture's name, e.g. 44100 for "tone1k_44100_stereo.mp3". */
    static int rateOf(String name) {
        return Integer.parseInt(name.split("_")[1]);
    }

    /** The channel count in a fixture's name. */
    static int channelsOf(String name) {
        return name.contains("stereo") ? 2 : 1;
    }
}
