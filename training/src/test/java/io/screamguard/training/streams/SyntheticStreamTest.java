package io.screamguard.training.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.training.dataset.Clip;
import io.screamguard.training.windows.ClipAudio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticStreamTest {

    static final int RATE = 16000;

    /** A clip of {@code seconds} filled with {@code value}, silent for its first {@code silentSeconds}. */
    static ClipAudio clip(String name, int label, double seconds, double silentSeconds, float value) {
        float[] samples = new float[(int) Math.round(seconds * RATE)];
        for (int i = (int) Math.round(silentSeconds * RATE); i < samples.length; i++) {
            samples[i] = value;
        }
        return new ClipAudio(new Clip(Path.of(name), "s", name, label), samples, RATE);
    }

    @Test
    void every_clip_appears_once_and_each_scream_is_marked_at_its_onset() {
        List<ClipAudio> clips = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            clips.add(clip("n" + i, 0, 2.0, 0, 0.01f));
        }
        for (int i = 0; i < 3; i++) {
            clips.add(clip("s" + i, 1, 1.5, 0.26, 0.5f));   // 0.26 s = 13 frames of 20 ms
        }

        List<SyntheticStream> streams = SyntheticStream.build(clips, new StreamPlan(7200, 1.5, 3));

        assertEquals(1, streams.size());
        SyntheticStream stream = streams.get(0);
        assertEquals(30 * 2.0 + 3 * 1.5, stream.durationSeconds(), 1e-9);
        assertEquals(60.0, stream.nonScreamSeconds(), 1e-9);
        assertEquals(3, stream.screams().size());
        for (ScreamMark mark : stream.screams()) {
            assertEquals(0.26, mark.onsetSeconds() - mark.startSeconds(), 1e-9);
            assertEquals(1.5, mark.endSeconds() - mark.startSeconds(), 1e-9);
            int onset = (int) Math.round(mark.onsetSeconds() * RATE);
            assertEquals(0.5f, stream.samples()[onset]);
            assertEquals(0.0f, stream.samples()[onset - 1]);
        }
    }

    @Test
    void streams_are_cut_at_the_planned_length_and_the_layout_is_seeded() {
        List<ClipAudio> clips = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clips.add(clip("n" + i, 0, 5.0, 0, 0.01f));
        }
        clips.add(clip("s", 1, 1.0, 0, 0.5f));

        List<SyntheticStream> a = SyntheticStream.build(clips, new StreamPlan(60, 1.5, 9));
        List<SyntheticStream> b = SyntheticStream.build(clips, new StreamPlan(60, 1.5, 9));

        assertTrue(a.size() >= 3, "200 s of audio in streams of about 60 s: " + a.size());
        assertEquals(a.size(), b.size());
        assertEquals(a.get(0).screams(), b.get(0).screams());
        assertEquals(1, a.stream().mapToInt(s -> s.screams().size()).sum());
        assertEquals(200.0, a.stream().mapToDouble(SyntheticStream::nonScreamSeconds).sum(), 1e-9);
    }

    @Test
    void the_onset_is_the_first_20_ms_frame_within_20_db_of_the_loudest() {
        float[] x = new float[RATE];
        for (int i = 3200; i < RATE; i++) {
            x[i] = i < 6400 ? 0.01f : 0.5f;   // -34 dB below the peak until 0.4 s
        }

        assertEquals(6400, SyntheticStream.onsetSample(x));
    }
}
