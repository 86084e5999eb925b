package io.screamguard.server.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screamguard.server.scoring.StreamFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipRecorderTest {
    private final List<byte[]> clips = new ArrayList<>();

    /** Stereo f32le at 16 kHz: left = a ramp, right = its negation + 0.2, so the mix is 0.1 everywhere. */
    private static byte[] stereo(int frames) {
        ByteBuffer b = ByteBuffer.allocate(frames * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            float left = (i % 100) / 200f;
            b.putFloat(left).putFloat(0.2f - left);
        }
        return b.array();
    }

    private static short sample(byte[] wav, int i) {
        return ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getShort(44 + 2 * i);
    }

    private static int samples(byte[] wav) {
        return ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(40) / 2;
    }

    @Test
    void mixes_stereo_down_and_keeps_10_s_before_the_incident_to_10_s_after_it() {
        ClipRecorder r = new ClipRecorder(new StreamFormat(16_000, StreamFormat.Encoding.F32LE, 2), (id, wav) -> clips.add(wav));
        r.accept(stereo(16_000 * 14), 0, 16_000 * 14 * 8); // 14 s
        r.incidentConfirmed("e1", 12.0);                      // started at 12 s: the clip starts at 2 s
        r.accept(stereo(16_000), 0, 16_000 * 8);              // 15 s
        r.incidentEnded(13.0);                                 // ends at 13 s: the clip runs to 23 s
        r.accept(stereo(16_000 * 10), 0, 16_000 * 10 * 8);    // 25 s

        assertEquals(1, clips.size());
        assertEquals(21 * 16_000, samples(clips.get(0)), "2 s to 23 s");
        assertEquals(Math.round(0.1f * 32767), sample(clips.get(0), 0), "(left + right) / 2");
        assertEquals(Math.round(0.1f * 32767), sample(clips.get(0), 20 * 16_000));
    }

    @Test
    void dropped_audio_is_silence_and_closing_the_stream_ends_the_clip() {
        ClipRecorder r = new ClipRecorder(new StreamFormat(16_000, StreamFormat.Encoding.F32LE, 2), (id, wav) -> clips.add(wav));
        r.accept(stereo(16_000), 0, 16_000 * 8);
        r.incidentConfirmed("e1", 0.5);
        r.skipFrames(8_000); // half a second dropped
        r.accept(stereo(16_000), 0, 16_000 * 8);
        r.close();

        assertEquals(1, clips.size());
        byte[] wav = clips.get(0);
        // the interpolation holds the newest input sample until the next one comes: one sample short at the close
        assertEquals(16_000 + 8_000 + 16_000, samples(wav), 1, "everything since the stream began (less than 10 s), gap included");
        assertEquals(0, sample(wav, 16_000 + 4_000), "the dropped half second is silent");
        assertEquals(Math.round(0.1f * 32767), sample(wav, 16_000 + 8_000 + 100));
    }
}
