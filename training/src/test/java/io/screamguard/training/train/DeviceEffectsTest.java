package io.screamguard.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.training.windows.WindowSignal;
import org.junit.jupiter.api.Test;

class DeviceEffectsTest {

    private static final int RATE = 16000;

    private static float[] tone(double hz, double amplitude, int samples) {
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    private static double rms(float[] x, int from, int to) {
        return WindowSignal.rms(x, from, to - from);
    }

    @Test
    void the_telephone_band_keeps_a_1_khz_tone_and_removes_a_6_khz_tone() {
        float[] low = DeviceEffects.telephoneBand(tone(1000, 0.5, RATE), RATE);
        float[] high = DeviceEffects.telephoneBand(tone(6000, 0.5, RATE), RATE);

        assertEquals(RATE, low.length);
        assertEquals(RATE, high.length);
        // away from the edges, where the filters settle
        assertEquals(0.5 / Math.sqrt(2), rms(low, 2000, 14000), 0.01);
        assertTrue(rms(high, 2000, 14000) < 1e-3, "6 kHz left at RMS " + rms(high, 2000, 14000));
    }

    @Test
    void audio_already_at_telephone_rate_is_left_as_it_is() {
        float[] x = tone(1000, 0.5, 800);

        assertEquals(x[100], DeviceEffects.telephoneBand(x, 8000)[100]);
    }

    @Test
    void reverberation_gives_an_impulse_a_tail_that_decays_by_about_60_db_in_rt60() {
        float[] impulse = new float[2 * RATE];
        impulse[0] = 1f;

        float[] wet = DeviceEffects.reverberate(impulse, RATE, 0.5, 1.0);

        double early = rms(wet, 800, 2400);          // 50-150 ms
        double late = rms(wet, 8800, 10400);         // 550-650 ms: 0.5 s later
        double dropDb = 20 * Math.log10(early / late);
        assertEquals(60, dropDb, 10, "decay from 0.1 s to 0.6 s: " + dropDb + " dB");
        assertEquals(impulse.length, wet.length);
    }

    @Test
    void a_dry_mix_is_the_signal_itself_and_bad_settings_are_refused() {
        float[] x = tone(440, 0.3, 4000);

        float[] dry = DeviceEffects.reverberate(x, RATE, 0.4, 0.0);

        assertEquals(x[1234], dry[1234], 1e-7);
        assertThrows(IllegalArgumentException.class, () -> DeviceEffects.reverberate(x, RATE, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> DeviceEffects.reverberate(x, RATE, 0.4, 1.5));
    }
}
