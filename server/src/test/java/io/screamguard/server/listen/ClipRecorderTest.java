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
    private int cutShort;
    private final ClipMemory plenty = new ClipMemory(64L << 20, () -> cutShort++);

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
        ClipRecorder r = new ClipRecorder(new StreamFormat(16_000, StreamFormat.Encoding.F32LE, 2), (id, wav, done) -> { clips.add(wav); done.run(); }, plenty);
        r.accept(stereo(16_000 * 14), 0, 16_000 * 14 * 8); // 14 s
        r.incidentConfirmed("e1", 12.0);                      // started at 12 s: the clip starts at 2 s
        r.accept(stereo(16_000), 0, 16_000 * 8);              // 15 s
        r.incidentEnded(13.0);                                 // ends at 13 s: the clip runs to 23 s
        r.accept(stereo(16_000 * 10), 0, 16_000 * 10 * 8);    // 25 s

        assertEquals(1, clips.size());
        assertEquals(21 * 16_000, samples(clips.get(0)), "2 s to 23 s");
        // the 10 s before the confirmation come from the compact ring: within a 7.5th of the level
        assertEquals(Math.round(0.1f * 32767), sample(clips.get(0), 0), 0.1 * 32767 / 7.5, "(left + right) / 2");
        assertEquals(Math.round(0.1f * 32767), sample(clips.get(0), 20 * 16_000), "recorded after the confirmation: exact");
    }

    @Test
    void dropped_audio_is_silence_and_closing_the_stream_ends_the_clip() {
        ClipRecorder r = new ClipRecorder(new StreamFormat(16_000, StreamFormat.Encoding.F32LE, 2), (id, wav, done) -> { clips.add(wav); done.run(); }, plenty);
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

    @Test
    void audio_before_a_long_gap_is_gone_from_the_ring_and_the_clip_starts_with_the_gap_s_silence() {
        ClipRecorder r = new ClipRecorder(new StreamFormat(16_000, StreamFormat.Encoding.F32LE, 2), (id, wav, done) -> { clips.add(wav); done.run(); }, plenty);
        r.accept(stereo(16_000 * 2), 0, 16_000 * 2 * 8);  // 2 s
        r.skipFrames(16_000 * 30);                         // 30 s dropped: more than the ring holds
        r.accept(stereo(16_000 * 3), 0, 16_000 * 3 * 8);  // 35 s
        r.incidentConfirmed("e1", 34.0);                   // the clip starts at 24 s, in the gap
        r.close();

        assertEquals(1, clips.size());
        byte[] wav = clips.get(0);
        assertEquals(11 * 16_000, samples(wav), 2, "24 s to 35 s");
        assertEquals(0, sample(wav, 16_000), "25 s: silence of the gap");
        assertEquals(Math.round(0.1f * 32767), sample(wav, 10 * 16_000 + 8_000), 0.1 * 32767 / 7.5, "34.5 s: the audio after the gap");
    }

    @Test
    void a_clip_that_cannot_have_more_of_the_shared_memory_is_stored_at_the_length_it_has_and_gives_it_back() {
        ClipMemory small = new ClipMemory(3L * ClipRecorder.CHUNK_BYTES, () -> cutShort++); // 6 s of clip
        ClipRecorder r = new ClipRecorder(new StreamFormat(16_000, StreamFormat.Encoding.F32LE, 2), (id, wav, done) -> { clips.add(wav); done.run(); }, small);
        r.accept(stereo(16_000 * 12), 0, 16_000 * 12 * 8);
        r.incidentConfirmed("e1", 11.0); // would start at 1 s: 11 s before the confirmation, more than 6 s fit

        assertEquals(1, clips.size(), "cut short at once");
        assertEquals(3 * ClipRecorder.CHUNK_BYTES / 2, samples(clips.get(0)), "the 6 s the memory held");
        assertEquals(1, cutShort);
        assertEquals(small.limitBytes(), small.freeBytes(), "all of it given back");
    }

    @Test
    void while_one_clip_holds_all_the_shared_memory_another_incident_gets_no_clip_and_the_first_is_unharmed() {
        ClipMemory small = new ClipMemory(2L * ClipRecorder.CHUNK_BYTES, () -> cutShort++);
        StreamFormat mono = new StreamFormat(16_000, StreamFormat.Encoding.F32LE, 2);
        ClipRecorder first = new ClipRecorder(mono, (id, wav, done) -> { clips.add(wav); done.run(); }, small);
        ClipRecorder second = new ClipRecorder(mono, (id, wav, done) -> { clips.add(wav); done.run(); }, small);
        first.accept(stereo(8_000), 0, 8_000 * 8);
        second.accept(stereo(8_000), 0, 8_000 * 8);

        first.incidentConfirmed("e1", 0.0);  // 0.5 s: one chunk (2 s) of the two
        first.accept(stereo(32_000), 0, 32_000 * 8); // 2.5 s: both chunks
        second.incidentConfirmed("e2", 0.0); // nothing left

        assertEquals(0, clips.size());
        assertEquals(1, cutShort, "the second incident's clip");
        first.close();
        assertEquals(1, clips.size());
        assertEquals(40_000, samples(clips.get(0)), 1);
        assertEquals(small.limitBytes(), small.freeBytes());
    }

    @Test
    void a_finished_clip_keeps_its_memory_until_it_is_stored() {
        ClipMemory small = new ClipMemory(4L * ClipRecorder.CHUNK_BYTES, () -> cutShort++);
        List<Runnable> pending = new ArrayList<>();
        ClipRecorder r = new ClipRecorder(new StreamFormat(16_000, StreamFormat.Encoding.F32LE, 2),
                (id, wav, done) -> { clips.add(wav); pending.add(done); }, small);
        r.accept(stereo(16_000), 0, 16_000 * 8);
        r.incidentConfirmed("e1", 0.5);
        r.close();

        assertEquals(1, clips.size());
        assertEquals(3L * ClipRecorder.CHUNK_BYTES, small.freeBytes(), "one chunk still counted while the clip waits to be stored");
        pending.get(0).run();
        pending.get(0).run(); // a second call gives nothing back twice
        assertEquals(small.limitBytes(), small.freeBytes());
    }
}
