package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyllableRateTest {
    private final WindowFeatureExtractor extractor = new WindowFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT);
    private final List<String> names = extractor.schema().names();

    private double value(float[] summary, String name) {
        return summary[names.indexOf(name)];
    }

    @Test
    void an_envelope_modulated_at_5_hz_has_all_its_modulation_in_the_band_and_its_depth() {
        double[] rms = new double[47];
        for (int i = 0; i < rms.length; i++) {
            rms[i] = 0.2 * (1 + 0.5 * Math.cos(2 * Math.PI * 5 * i / 50.0));
        }
        double[] out = new double[2];

        SyllableRate.ratioAndDepth(rms, rms.length, 50.0, out);

        assertEquals(1.0, out[0], 0.02, "ratio");
        assertEquals(0.5, out[1], 0.05, "depth: the envelope's modulation index");
    }

    @Test
    void noise_bursts_at_5_hz_are_syllabic_and_bursts_at_12_hz_are_not() {
        // not 15 Hz: the 64 ms frame's RMS averages a whole 15.6 Hz cycle away, so the RMS column
        // cannot see a 15 Hz train and the ratio would only describe the noise's own fluctuation
        float[] laughLike = extractor.summarize(Tones.noiseBursts(6, 5, 0.3, 16000, 1.0));
        float[] flutter = extractor.summarize(Tones.noiseBursts(6, 12, 0.3, 16000, 1.0));

        assertTrue(value(laughLike, "syllable_mod_ratio") > 0.7, "5 Hz ratio " + value(laughLike, "syllable_mod_ratio"));
        assertTrue(value(laughLike, "syllable_mod_depth") > 0.3, "5 Hz depth " + value(laughLike, "syllable_mod_depth"));
        assertTrue(value(flutter, "syllable_mod_ratio") < 0.3, "12 Hz ratio " + value(flutter, "syllable_mod_ratio"));
    }

    @Test
    void a_steady_tone_and_silence_have_no_syllable_modulation() {
        float[] tone = extractor.summarize(Tones.sine(440, 0.3, 16000, 1.0));
        float[] silence = extractor.summarize(new float[16000]);

        assertEquals(0.0, value(tone, "syllable_mod_depth"), 1e-3);
        assertEquals(0.0, value(silence, "syllable_mod_depth"));
        assertEquals(0.0, value(silence, "syllable_mod_ratio"));
    }

    @Test
    void the_syllable_values_do_not_change_with_gain() {
        float[] loud = Tones.noiseBursts(2, 5, 0.5, 16000, 1.0);

        float[] a = extractor.summarize(loud);
        float[] b = extractor.summarize(Tones.scaled(loud, 0.05));

        assertEquals(value(a, "syllable_mod_ratio"), value(b, "syllable_mod_ratio"), 1e-4);
        assertEquals(value(a, "syllable_mod_depth"), value(b, "syllable_mod_depth"), 1e-4);
    }
}
