package io.screamguard.core.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.audio.PcmEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiveAnalyzerTest {

    private static final DetectorConfig DETECTOR = new DetectorConfig(0.6, 2, 3, 0.01);

    /** Records everything a live analyzer says. */
    private static final class Recorder implements LiveListener {
        final List<HopResult> hops = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<Incident> ended = new ArrayList<>();

        @Override
        public void onHop(HopResult hop) {
            hops.add(hop);
        }

        @Override
        public void incidentStarted(double startSeconds, double detectedAtSeconds, double peakProbability) {
            events.add("start " + startSeconds + " at " + detectedAtSeconds);
        }

        @Override
        public void incidentEnded(Incident incident) {
            events.add("end " + incident.endSeconds());
            ended.add(incident);
        }
    }

    /** Speech-like audio: a varying tone with two loud noise bursts and silent gaps. */
    private static float[] session(int rateHz) {
        float[] tone = TestAudio.toneWithNoise(rateHz, 12.0, 440, 0.25, 11);
        float[] burst = TestAudio.burst(rateHz, 12.0, 4.0, 6.0, 0.5, 12);
        float[] out = new float[tone.length];
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) rateHz;
            boolean gap = (t > 1.5 && t < 3.0) || t > 10.0;
            out[i] = gap ? burst[i] : tone[i] + burst[i];
        }
        return out;
    }

    private static LiveAnalyzer live(int rateHz, int channels, PcmEncoding encoding, Recorder recorder) {
        return new LiveAnalyzer(ClipAnalyzerTest.VARYING, ClipAnalyzerTest.FEATURES, ClipAnalyzerTest.WINDOW, DETECTOR,
                encoding, rateHz, channels, recorder);
    }

    @Test
    void random_chunks_of_48_khz_stereo_s16_give_the_windows_and_incidents_of_the_whole_clip() {
        float[] mono = session(48_000);
        byte[] bytes = TestAudio.s16le(mono, 2);
        var clip = new ClipAnalyzer(ClipAnalyzerTest.VARYING, ClipAnalyzerTest.FEATURES, ClipAnalyzerTest.WINDOW, DETECTOR)
                .analyze(TestAudio.s16Quantized(mono), 48_000);
        var recorder = new Recorder();
        var analyzer = live(48_000, 2, PcmEncoding.S16LE, recorder);

        SplittableRandom random = new SplittableRandom(99);
        int position = 0;
        while (position < bytes.length) {
            int length = Math.min(bytes.length - position, 1 + random.nextInt(7000));
            analyzer.push(bytes, position, length);
            position += length;
        }
        var beforeFinish = recorder.hops.size();
        var summary = analyzer.finish();

        assertTrue(beforeFinish >= clip.timeline().size() - 1, "at most the last window waits for the flush");
        assertEquals(clip.timeline(), recorder.hops);
        assertEquals(clip.incidents(), recorder.ended);
        assertEquals(clip.incidents(), summary.incidents());
        assertTrue(!clip.incidents().isEmpty(), "the test audio must produce an incident: " + clip.timeline());
        assertEquals(clip.windowsScored(), summary.windowsScored());
        assertEquals(clip.windowsQuiet(), summary.windowsQuiet());
        assertEquals(clip.peakProbability(), summary.peakProbability());
        assertEquals(12.0, summary.audioSeconds(), 1e-9);
    }

    @Test
    void a_replay_faster_than_real_time_gives_exactly_the_incidents_of_real_time() throws Exception {
        float[] mono = session(16_000);
        byte[] bytes = TestAudio.s16le(mono, 1);
        var realTime = new Recorder();
        var fast = new Recorder();
        var realTimeAnalyzer = live(16_000, 1, PcmEncoding.S16LE, realTime);
        var fastAnalyzer = live(16_000, 1, PcmEncoding.S16LE, fast);

        // real time: 100 ms chunks paced by the wall clock (12 s of audio takes 12 s)
        int chunk = 16_000 / 10 * 2;
        long start = System.nanoTime();
        for (int position = 0, i = 0; position < bytes.length; position += chunk, i++) {
            long due = start + i * 100_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            realTimeAnalyzer.push(bytes, position, Math.min(chunk, bytes.length - position));
        }
        realTimeAnalyzer.finish();
        // as fast as possible: one push
        fastAnalyzer.push(ByteBuffer.wrap(bytes));
        fastAnalyzer.finish();

        assertEquals(realTime.ended, fast.ended);
        assertEquals(realTime.events, fast.events);
        assertEquals(realTime.hops, fast.hops);
        assertTrue(!fast.ended.isEmpty());
    }

    @Test
    void f32_from_a_direct_buffer_gives_the_same_hops_as_s16() {
        float[] original = session(16_000);
        float[] mono = TestAudio.s16Quantized(original);
        ByteBuffer f32 = ByteBuffer.allocateDirect(mono.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float sample : mono) {
            f32.putFloat(sample);
        }
        f32.flip();
        var fromF32 = new Recorder();
        var fromS16 = new Recorder();

        var f32Analyzer = live(16_000, 1, PcmEncoding.F32LE, fromF32);
        while (f32.hasRemaining()) {
            ByteBuffer slice = f32.slice();
            slice.limit(Math.min(slice.remaining(), 4099));
            f32Analyzer.push(slice);
            f32.position(f32.position() + 4099 > f32.limit() ? f32.limit() : f32.position() + 4099);
        }
        f32Analyzer.finish();
        var s16Analyzer = live(16_000, 1, PcmEncoding.S16LE, fromS16);
        s16Analyzer.push(TestAudio.s16le(original, 1));
        s16Analyzer.finish();

        assertEquals(fromS16.hops, fromF32.hops);
    }

    @Test
    void the_summary_so_far_counts_windows_and_flags_an_open_incident() {
        var recorder = new Recorder();
        var analyzer = live(16_000, 1, PcmEncoding.S16LE, recorder);

        analyzer.push(TestAudio.s16le(TestAudio.burst(16_000, 3.0, 0.0, 3.0, 0.5, 3), 1));
        var summary = analyzer.summary();

        assertEquals(3.0, summary.audioSeconds(), 1e-9);
        assertEquals(recorder.hops.size(), summary.windowsScored() + summary.windowsQuiet());
        assertEquals(summary.incidentOpen(), recorder.hops.get(recorder.hops.size() - 1).state() == WindowState.INCIDENT);
    }

    @Test
    void audio_after_a_skipped_gap_keeps_stream_time_and_matches_that_audio_analysed_alone() {
        // 3 s of audio, then 1.5 s dropped, then 8 s analysed from a fresh start
        float[] before = TestAudio.toneWithNoise(48_000, 3.0, 300, 0.2, 21);
        float[] after = session(48_000);
        float[] afterPart = java.util.Arrays.copyOf(after, 8 * 48_000);
        var alone = new ClipAnalyzer(ClipAnalyzerTest.VARYING, ClipAnalyzerTest.FEATURES, ClipAnalyzerTest.WINDOW, DETECTOR)
                .analyze(TestAudio.s16Quantized(afterPart), 48_000);
        var recorder = new Recorder();
        var analyzer = live(48_000, 1, PcmEncoding.S16LE, recorder);

        analyzer.push(TestAudio.s16le(before, 1));
        int hopsBefore = recorder.hops.size();
        analyzer.skipFrames(72_000);
        analyzer.push(TestAudio.s16le(afterPart, 1));
        var summary = analyzer.finish();

        var afterGap = recorder.hops.subList(hopsBefore, recorder.hops.size());
        assertEquals(alone.timeline().size(), afterGap.size());
        for (int i = 0; i < afterGap.size(); i++) {
            var expected = alone.timeline().get(i);
            var actual = afterGap.get(i);
            assertEquals(expected.tSeconds() + 4.5, actual.tSeconds(), 1e-9, "stream time includes the gap");
            assertEquals(expected.probability(), actual.probability());
            assertEquals(expected.rms(), actual.rms());
        }
        assertEquals(12.5, summary.audioSeconds(), 1e-9);
        assertEquals(1.5, analyzer.skippedSeconds(), 1e-9);
    }

    @Test
    void refuses_to_skip_inside_a_partial_frame() {
        var analyzer = live(16_000, 2, PcmEncoding.S16LE, new Recorder());
        analyzer.push(new byte[6]); // one and a half stereo frames

        var error = assertThrows(IllegalStateException.class, () -> analyzer.skipFrames(10));
        assertTrue(error.getMessage().contains("2 bytes"), error.getMessage());
    }

    @Test
    void refuses_nan_samples_and_pushes_after_finish() {
        var analyzer = live(16_000, 1, PcmEncoding.F32LE, new Recorder());
        byte[] nan = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).array();

        assertThrows(IllegalArgumentException.class, () -> analyzer.push(nan));
        analyzer.finish();
        assertThrows(IllegalStateException.class, () -> analyzer.push(new byte[4]));
    }
    @Test
    void a_classifier_that_reads_some_features_gets_the_same_probabilities_from_a_cheaper_stream() {
        // a classifier that reads three values and says so, and the same one that does not say so
        java.util.List<String> names = io.screamguard.core.features.FeatureSchema.current().names();
        int mfcc = names.indexOf("mfcc1_mean");
        int voicing = names.indexOf("voicing_mean");
        int roughness = names.indexOf("roughness_mean");
        io.screamguard.core.model.ScreamClassifier reads = new io.screamguard.core.model.ScreamClassifier() {
            @Override
            public double screamProbability(float[] summary) {
                double z = 0.01 * summary[mfcc] + 2 * summary[voicing] - 3 * summary[roughness];
                return 1 / (1 + Math.exp(-z));
            }

            @Override
            public java.util.Optional<java.util.List<String>> featuresRead() {
                return java.util.Optional.of(java.util.List.of("mfcc1_mean", "voicing_mean", "roughness_mean"));
            }
        };
        io.screamguard.core.model.ScreamClassifier silent = reads::screamProbability;
        Recorder cheaper = new Recorder();
        Recorder whole = new Recorder();
        LiveAnalyzer partial = new LiveAnalyzer(reads, ClipAnalyzerTest.FEATURES, ClipAnalyzerTest.WINDOW, DETECTOR,
                PcmEncoding.F32LE, 16000, 1, cheaper);
        LiveAnalyzer full = new LiveAnalyzer(silent, ClipAnalyzerTest.FEATURES, ClipAnalyzerTest.WINDOW, DETECTOR,
                PcmEncoding.F32LE, 16000, 1, whole);
        float[] audio = session(16000);
        ByteBuffer bytes = ByteBuffer.allocate(audio.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : audio) {
            bytes.putFloat(x);
        }

        partial.push(bytes.array());
        full.push(bytes.array());

        assertTrue(whole.hops.size() > 10, "hops: " + whole.hops.size());
        assertEquals(whole.hops.size(), cheaper.hops.size());
        for (int i = 0; i < whole.hops.size(); i++) {
            assertEquals(whole.hops.get(i).probability(), cheaper.hops.get(i).probability(), 0.0, "hop " + i);
        }
    }
}
