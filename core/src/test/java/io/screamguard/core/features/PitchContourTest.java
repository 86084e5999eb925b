package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PitchContourTest {
    private final WindowFeatureExtractor extractor = new WindowFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT);
    private final List<String> names = extractor.schema().names();

    private double value(float[] summary, String name) {
        return summary[names.indexOf(name)];
    }

    @Test
    void the_slope_is_the_least_squares_line_through_the_points() {
        double[] t = {0, 1, 2, 3};
        double[] s = {1, 3, 5, 7};

        assertEquals(2.0, PitchContour.slopeSemitonesPerSecond(t, s, 4), 1e-12);
        assertEquals(0.0, PitchContour.slopeSemitonesPerSecond(t, s, 2), "fewer than 3 frames");
        assertEquals(0.0, PitchContour.slopeSemitonesPerSecond(new double[] {1, 1, 1}, s, 3), "no time spread");
    }

    @Test
    void an_octave_glide_in_one_second_rises_12_semitones_per_second_over_its_span() {
        float[] s = extractor.summarize(Tones.glide(300, 600, 0.4, 16000, 1.0));

        // frame centres run from 0.032 to 0.952 s; p10 .. p90 of a uniform ramp cover 80 % of that
        double expectedRange = 12 * 0.8 * (0.952 - 0.032);
        assertEquals(12.0, value(s, "pitch_slope_semitones_per_s"), 0.3);
        assertEquals(expectedRange, value(s, "pitch_voiced_semitones_range"), 0.3);
        assertEquals(300 * Math.pow(2, 0.032 + 0.9 * 0.92), value(s, "pitch_voiced_hz_p90"), 10);
    }

    @Test
    void a_steady_440_hz_tone_is_flat_narrow_and_at_440_hz() {
        float[] s = extractor.summarize(Tones.harmonicComplex(440, 3, 0.4, 16000, 1.0));

        assertEquals(0.0, value(s, "pitch_slope_semitones_per_s"), 0.05);
        assertEquals(0.0, value(s, "pitch_voiced_semitones_range"), 0.05);
        assertEquals(440, value(s, "pitch_voiced_hz_p90"), 440 * 0.01);
    }

    @Test
    void noise_and_silence_have_no_voiced_contour() {
        float[] silence = extractor.summarize(new float[16000]);

        assertEquals(0.0, value(silence, "pitch_voiced_hz_p90"));
        assertEquals(0.0, value(silence, "pitch_voiced_semitones_range"));
        assertEquals(0.0, value(silence, "pitch_slope_semitones_per_s"));
    }
}
