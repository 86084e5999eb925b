package io.screamguard.core.detection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.audio.DecodedAudio;
import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.model.ScreamClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClipAnalyzerTest {

    static final FeatureConfig FEATURES = FeatureConfig.analysis();
    static final WindowConfig WINDOW = new WindowConfig(1.0, 0.5);
    static final double HOP_SECONDS = 0.5;

    /** Every window is a scream, as far as this classifier can tell: the loudness gate decides. */
    static final ScreamClassifier ALWAYS_SCREAM = summary -> 0.9;

    /** A deterministic probability that differs from window to window. */
    static final ScreamClassifier VARYING = summary -> {
        double sum = 0;
        for (float value : summary) {
            sum += value;
        }
        return 0.5 + 0.5 * Math.sin(sum);
    };

    @Test
    void a_noise_burst_in_silence_gives_one_incident_spanning_the_windows_that_hear_it() {
        // burst from 3.0 to 5.0 s in 8 s of silence; windows of 1 s every 0.5 s
        float[] audio = TestAudio.burst(16_000, 8.0, 3.0, 5.0, 0.3, 1);
        var analyzer = new ClipAnalyzer(ALWAYS_SCREAM, FEATURES, WINDOW, new DetectorConfig(0.5, 1, 2, 0.01));

        var analysis = analyzer.analyze(new DecodedAudio(audio, 16_000, 1, "wav"));

        assertEquals(8.0, analysis.durationSeconds(), 1e-9);
        assertEquals(1, analysis.incidents().size(), analysis.incidents().toString());
        var incident = analysis.incidents().get(0);
        // the first loud window is the first that overlaps 3.0 s, the last the last that overlaps 5.0 s
        assertEquals(3.0 - 1.0 + HOP_SECONDS, incident.startSeconds(), HOP_SECONDS / 2, incident.toString());
        assertEquals(5.0 + 1.0 - HOP_SECONDS, incident.endSeconds(), HOP_SECONDS / 2, incident.toString());
        assertEquals(0.9, incident.peakProbability());
        assertTrue(analysis.scream());
        assertEquals(0.9, analysis.peakProbability());
        assertTrue(analysis.windowsQuiet() > 0 && analysis.windowsScored() >= 4, analysis.toString());
    }

    @Test
    void the_timeline_has_one_entry_per_hop_in_time_order_with_quiet_windows_unscored() {
        float[] audio = TestAudio.burst(16_000, 6.0, 2.0, 3.0, 0.3, 2);
        var analyzer = new ClipAnalyzer(ALWAYS_SCREAM, FEATURES, WINDOW, new DetectorConfig(0.5, 2, 3, 0.01));

        var analysis = analyzer.analyze(audio, 16_000);

        var timeline = analysis.timeline();
        assertEquals(analysis.windowsScored() + analysis.windowsQuiet(), timeline.size());
        assertTrue(timeline.size() >= 9 && timeline.size() <= 11, "about (6 - 1) / 0.5 + 1 windows: " + timeline.size());
        for (int i = 1; i < timeline.size(); i++) {
            assertEquals(HOP_SECONDS, timeline.get(i).tSeconds() - timeline.get(i - 1).tSeconds(), 1e-9);
        }
        for (HopResult hop : timeline) {
            if (hop.rms() < 0.01) {
                assertEquals(0.0, hop.probability(), "quiet windows are not scored: " + hop);
                assertTrue(hop.state() == WindowState.QUIET || hop.state() == WindowState.INCIDENT, hop.toString());
            } else {
                assertEquals(0.9, hop.probability(), hop.toString());
            }
        }
        assertEquals(WindowState.QUIET, timeline.get(0).state());
    }

    @Test
    void a_silent_clip_scores_zero_and_is_not_a_scream() {
        var analyzer = new ClipAnalyzer(ALWAYS_SCREAM, FEATURES, WINDOW, new DetectorConfig(0.5, 1, 1, 0.01));

        var analysis = analyzer.analyze(new float[16_000 * 3], 16_000);

        assertEquals(0.0, analysis.peakProbability());
        assertFalse(analysis.scream());
        assertEquals(0, analysis.windowsScored());
        assertTrue(analysis.incidents().isEmpty());
        assertEquals(0, analysis.peakWindowFeatures().length);
        assertEquals(-1.0, analysis.peakWindowEndSeconds());
    }

    @Test
    void a_clip_shorter_than_a_window_is_one_zero_padded_window() {
        float[] shortScream = TestAudio.burst(16_000, 0.6, 0.0, 0.6, 0.3, 6);
        var analyzer = new ClipAnalyzer(ALWAYS_SCREAM, FEATURES, WINDOW, new DetectorConfig(0.5, 1, 1, 0.01));

        var analysis = analyzer.analyze(shortScream, 16_000);

        assertEquals(0.6, analysis.durationSeconds(), 1e-9);
        assertEquals(1, analysis.timeline().size());
        assertEquals(1.0, analysis.timeline().get(0).tSeconds());
        // the RMS of the padded window: 0.6 s of noise with RMS 0.3/sqrt(3) over 1 s
        assertEquals(0.3 / Math.sqrt(3) * Math.sqrt(0.6), analysis.timeline().get(0).rms(), 0.01);
        assertTrue(analysis.scream());
        assertTrue(analyzer.analyze(new float[0], 48_000).timeline().isEmpty(), "an empty clip has no window");
    }

    @Test
    void the_verdict_is_the_clip_score_against_the_threshold_even_without_an_incident() {
        // k = 3 of 3 cannot be met by a 1 s burst, but the clip score still passes the threshold
        float[] audio = TestAudio.burst(16_000, 5.0, 2.0, 2.2, 0.3, 3);
        var analyzer = new ClipAnalyzer(ALWAYS_SCREAM, FEATURES, WINDOW, new DetectorConfig(0.5, 3, 3, 0.01));

        var analysis = analyzer.analyze(audio, 16_000);

        assertTrue(analysis.incidents().isEmpty());
        assertTrue(analysis.scream());
        assertEquals(0.5, analysis.thresholdProbability());
    }

    @Test
    void keeps_the_summary_vector_of_the_peak_window() {
        float[] audio = TestAudio.toneWithNoise(16_000, 6.0, 880, 0.3, 4);
        List<float[]> seen = new ArrayList<>();
        List<Double> probabilities = new ArrayList<>();
        ScreamClassifier recording = summary -> {
            double p = VARYING.screamProbability(summary);
            seen.add(summary.clone());
            probabilities.add(p);
            return p;
        };
        var analyzer = new ClipAnalyzer(recording, FEATURES, WINDOW, new DetectorConfig(0.5, 1, 1, 0.0));

        var analysis = analyzer.analyze(audio, 16_000);

        int best = 0;
        for (int i = 1; i < probabilities.size(); i++) {
            if (probabilities.get(i) > probabilities.get(best)) {
                best = i;
            }
        }
        assertEquals(probabilities.get(best), analysis.peakProbability());
        assertArrayEquals(seen.get(best), analysis.peakWindowFeatures());
        assertEquals(analysis.timeline().get(best).tSeconds(), analysis.peakWindowEndSeconds());
    }

    @Test
    void resamples_a_48_khz_recording_to_the_analysis_rate_with_the_same_timing() {
        float[] audio = TestAudio.burst(48_000, 8.0, 3.0, 5.0, 0.3, 5);
        var analyzer = new ClipAnalyzer(ALWAYS_SCREAM, FEATURES, WINDOW, new DetectorConfig(0.5, 1, 2, 0.01));

        var analysis = analyzer.analyze(new DecodedAudio(audio, 48_000, 2, "wav"));

        assertEquals(8.0, analysis.durationSeconds(), 1e-9);
        assertEquals(1, analysis.incidents().size());
        assertEquals(2.5, analysis.incidents().get(0).startSeconds(), HOP_SECONDS / 2);
        assertEquals(5.5, analysis.incidents().get(0).endSeconds(), HOP_SECONDS / 2);
    }

    @Test
    void concurrent_analyses_give_the_same_results_as_one_at_a_time() throws Exception {
        var analyzer = new ClipAnalyzer(VARYING, FEATURES, WINDOW, new DetectorConfig(0.6, 2, 3, 0.005));
        List<float[]> clips = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clips.add(TestAudio.toneWithNoise(16_000, 4.0, 300 + 100 * i, 0.2, i));
        }
        List<ClipAnalysis> sequential = new ArrayList<>();
        for (float[] clip : clips) {
            sequential.add(analyzer.analyze(clip, 16_000));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ClipAnalysis>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (float[] clip : clips) {
                    futures.add(pool.submit((Callable<ClipAnalysis>) () -> analyzer.analyze(clip, 16_000)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                var expected = sequential.get(i % clips.size());
                var actual = futures.get(i).get();
                assertEquals(expected.timeline(), actual.timeline());
                assertEquals(expected.incidents(), actual.incidents());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_clip_fed_in_blocks_at_another_rate_gives_the_same_analysis_as_the_whole_clip() {
        // given a 48 kHz clip with noise bursts, analysed whole and in odd-sized blocks
        int rate = 48000;
        float[] clip = new float[rate * 7 + 123];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < clip.length; i++) {
            double envelope = (i / rate) % 3 == 1 ? 0.5 : 0.002;
            clip[i] = (float) (envelope * random.nextGaussian());
        }
        DetectorConfig config = new DetectorConfig(0.6, 2, 3, 0.01);
        ClipAnalysis whole = new ClipAnalyzer(VARYING, FEATURES, WINDOW, config).analyze(clip, rate);

        ClipAnalyzer.Streaming streaming = new ClipAnalyzer(VARYING, FEATURES, WINDOW, config).stream();
        streaming.start(rate);
        for (int at = 0; at < clip.length; at += 4099) {
            int n = Math.min(4099, clip.length - at);
            float[] block = new float[8192];
            System.arraycopy(clip, at, block, 0, n);
            streaming.accept(block, n);
        }
        ClipAnalysis streamed = streaming.finish();

        // then every window, incident and the verdict agree exactly
        assertEquals(whole.timeline(), streamed.timeline());
        assertEquals(whole.incidents(), streamed.incidents());
        assertEquals(whole.peakProbability(), streamed.peakProbability());
        assertEquals(whole.scream(), streamed.scream());
        assertEquals(whole.durationSeconds(), streamed.durationSeconds());
        assertArrayEquals(whole.peakWindowFeatures(), streamed.peakWindowFeatures());
        assertTrue(whole.timeline().size() > 10, "enough windows to compare: " + whole.timeline().size());
    }

    @Test
    void a_streamed_clip_shorter_than_one_window_is_padded_to_one_window_as_the_whole_clip_is() {
        int rate = 16000;
        float[] clip = new float[rate / 3];
        java.util.Arrays.fill(clip, 0.3f);
        DetectorConfig config = new DetectorConfig(0.5, 1, 2, 0.01);
        ClipAnalysis whole = new ClipAnalyzer(VARYING, FEATURES, WINDOW, config).analyze(clip, rate);

        ClipAnalyzer.Streaming streaming = new ClipAnalyzer(VARYING, FEATURES, WINDOW, config).stream();
        streaming.start(rate);
        streaming.accept(clip, clip.length);
        ClipAnalysis streamed = streaming.finish();

        assertEquals(1, streamed.timeline().size());
        assertEquals(whole.timeline(), streamed.timeline());
    }
}
