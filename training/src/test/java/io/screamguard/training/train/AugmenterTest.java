package io.screamguard.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.training.windows.WindowSignal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    @Test
    void shift_and_gain_delays_scales_and_clips() {
        float[] signal = {0.1f, -0.2f, 0.6f};

        float[] out = Augmenter.shiftAndGain(signal, 2, 2.0);

        assertEquals(5, out.length);
        assertEquals(0f, out[0]);
        assertEquals(0f, out[1]);
        assertEquals(0.2f, out[2], 1e-6);
        assertEquals(-0.4f, out[3], 1e-6);
        assertEquals(1.0f, out[4], 1e-6);
    }

    @Test
    void noise_is_mixed_at_the_requested_snr_against_the_loudest_window() {
        float[] signal = new float[16000];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) (0.2 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        SplittableRandom random = new SplittableRandom(3);
        float[] noise = new float[8000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextDouble() - 0.5);
        }

        float[] mixed = Augmenter.mixAtSnr(signal, noise, 10, 8000, 4000, new SplittableRandom(4));

        float[] added = new float[signal.length];
        for (int i = 0; i < signal.length; i++) {
            added[i] = mixed[i] - signal[i];
        }
        double signalRms = WindowSignal.rms(signal, 0, signal.length);
        double noiseRms = WindowSignal.rms(added, 0, added.length);
        assertEquals(10, 20 * Math.log10(signalRms / noiseRms), 0.2);
        assertTrue(noiseRms > 0);
    }

    @Test
    void a_training_set_uses_only_variants_of_its_own_clips_with_noise_from_its_own_clips() {
        io.screamguard.training.dataset.Clip a = new io.screamguard.training.dataset.Clip(java.nio.file.Path.of("a"), "s", "a", 1);
        io.screamguard.training.dataset.Clip b = new io.screamguard.training.dataset.Clip(java.nio.file.Path.of("b"), "s", "b", 0);
        io.screamguard.training.dataset.Clip held = new io.screamguard.training.dataset.Clip(java.nio.file.Path.of("h"), "s", "h", 0);
        java.util.function.Function<io.screamguard.training.dataset.Clip, io.screamguard.training.windows.ClipWindows> w =
                c -> new io.screamguard.training.windows.ClipWindows(c, new float[0][], new double[0], 1.0);
        java.util.List<Augmenter.Variant> variants = java.util.List.of(
                new Augmenter.Variant(w.apply(a), new double[0], null),
                new Augmenter.Variant(w.apply(a), new double[0], b),
                new Augmenter.Variant(w.apply(a), new double[0], held),
                new Augmenter.Variant(w.apply(held), new double[0], null));

        java.util.List<Augmenter.Variant> usable = Augmenter.within(variants, java.util.List.of(w.apply(a), w.apply(b)));

        assertEquals(java.util.List.of(variants.get(0), variants.get(1)), usable);
    }
}
