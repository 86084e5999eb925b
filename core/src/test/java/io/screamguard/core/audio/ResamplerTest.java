package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"48000,16000", "44100,16000", "22050,16000", "96000,16000", "44100,22050", "48000,22050",
        "32000,22050", "44101,16000"})
    void attenuates_a_tone_above_the_new_nyquist_by_at_least_60_db(int fromHz, int toHz) {
        // given a full-scale tone 3 % above the output Nyquist frequency
        double toneHz = toHz / 2.0 * 1.03;
        float[] in = Signals.sine(toneHz, 1.0, fromHz, fromHz);

        // when
        float[] out = Resampler.resample(in, fromHz, toHz);

        // then everything left (the alias) is at least 60 dB below the tone's RMS
        double residual = Signals.rms(out, out.length / 10, out.length - out.length / 10);
        double attenuationDb = -Signals.db(residual / Math.sqrt(0.5));
        assertTrue(attenuationDb >= 60, fromHz + " -> " + toHz + ": only " + attenuationDb + " dB");
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"8000,16000", "16000,22050", "22050,44100", "11025,16000"})
    void suppresses_the_image_of_an_upsampled_tone_by_at_least_60_db(int fromHz, int toHz) {
        // given a tone at 0.8 of the input Nyquist frequency
        double toneHz = fromHz / 2.0 * 0.8;
        float[] in = Signals.sine(toneHz, 1.0, fromHz, fromHz);

        // when
        float[] out = Resampler.resample(in, fromHz, toHz);

        // then its mirror image around the input Nyquist is gone and the tone passes at unit gain
        int from = out.length / 10;
        int to = out.length - from;
        double image = Signals.amplitudeAt(out, from, to, fromHz - toneHz, toHz);
        double tone = Signals.amplitudeAt(out, from, to, toneHz, toHz);
        assertTrue(-Signals.db(image) >= 60, "image only " + -Signals.db(image) + " dB down");
        assertEquals(1.0, tone, 0.01);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"48000,16000", "44100,16000", "8000,16000", "16000,22050", "44100,22050", "44101,16000"})
    void keeps_the_passband_flat_to_0_9_of_the_new_nyquist(int fromHz, int toHz) {
        for (double fraction : new double[] {0.05, 0.3, 0.6, 0.9}) {
            // given a tone at a fraction of the lower Nyquist frequency
            double toneHz = Math.min(fromHz, toHz) / 2.0 * fraction;
            float[] in = Signals.sine(toneHz, 0.5, fromHz, fromHz);

            // when
            float[] out = Resampler.resample(in, fromHz, toHz);

            // then its amplitude is unchanged within 0.05 dB
            double gainDb = Signals.db(Signals.amplitudeAt(out, out.length / 10, out.length * 9 / 10, toneHz, toHz) / 0.5);
            assertEquals(0.0, gainDb, 0.05, "gain at " + toneHz + " Hz");
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"48000,16000", "44100,16000", "22050,16000", "8000,16000", "16000,22050", "44101,16000"})
    void keeps_output_samples_time_aligned_with_the_input(int fromHz, int toHz) {
        // given a 1 kHz tone
        float[] in = Signals.sine(1000, 0.8, fromHz, fromHz);

        // when
        float[] out = Resampler.resample(in, fromHz, toHz);

        // then output sample n is the tone at time n / toHz: no filter delay
        float[] expected = Signals.sine(1000, 0.8, toHz, out.length);
        for (int n = out.length / 10; n < out.length * 9 / 10; n++) {
            assertEquals(expected[n], out[n], 1e-3, "sample " + n);
        }
    }

    @ParameterizedTest(name = "{0} samples {1} Hz -> {2} Hz")
    @CsvSource({"48000,48000,16000", "1,48000,16000", "2,48000,16000", "4,48000,16000", "44100,44100,16000",
        "1000,44100,22050", "101,8000,16000", "16000,16000,22050", "7,16000,22050", "0,44100,16000"})
    void returns_ceil_of_length_times_ratio_samples_like_librosa(int samples, int fromHz, int toHz) {
        float[] out = Resampler.resample(new float[samples], fromHz, toHz);

        assertEquals((long) Math.ceil(samples * (double) toHz / fromHz), out.length);
    }

    @Test
    void copies_the_input_when_the_rates_are_equal() {
        float[] in = Signals.sine(440, 0.5, 16000, 1000);

        float[] out = Resampler.resample(in, 16000, 16000);

        assertArrayEquals(in, out);
        assertNotSame(in, out);
    }

    @Test
    void keeps_dc_at_unit_gain() {
        float[] in = new float[44100];
        java.util.Arrays.fill(in, 0.25f);

        float[] out = Resampler.resample(in, 44100, 16000);

        for (int n = 1000; n < out.length - 1000; n++) {
            assertEquals(0.25f, out[n], 1e-5f);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"48000,16000", "44100,16000", "22050,16000", "8000,16000", "96000,16000", "16000,22050",
        "44100,22050", "16000,16000", "44101,16000"})
    void streams_exactly_the_offline_samples_for_random_chunk_sizes(int fromHz, int toHz) {
        Random random = new Random(fromHz * 31L + toHz);
        float[] in = new float[fromHz + 12345];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (random.nextGaussian() * 0.3);
        }
        float[] offline = Resampler.resample(in, fromHz, toHz);

        for (int trial = 0; trial < 3; trial++) {
            StreamResampler stream = new StreamResampler(fromHz, toHz);
            float[] streamed = new float[offline.length];
            int written = 0;
            int at = 0;
            while (at < in.length) {
                int size = Math.min(in.length - at, random.nextInt(trial == 0 ? 3 : 5000));
                float[] chunk = java.util.Arrays.copyOfRange(in, at, at + size);
                at += size;
                float[] part = stream.process(chunk);
                // then each output appears as soon as its input is there
                assertTrue(stream.outputSamples() * (double) fromHz / toHz + stream.latencyInputSamples() + 1
                        >= at - (double) fromHz / toHz, "output lags the input");
                System.arraycopy(part, 0, streamed, written, part.length);
                written += part.length;
            }
            float[] tail = stream.flush();
            System.arraycopy(tail, 0, streamed, written, tail.length);
            written += tail.length;

            assertEquals(offline.length, written);
            assertArrayEquals(offline, streamed);
        }
    }

    @Test
    void refuses_process_after_flush_and_bad_rates() {
        StreamResampler stream = new StreamResampler(48000, 16000);
        stream.flush();

        assertThrows(IllegalStateException.class, () -> stream.process(new float[10]));
        assertThrows(IllegalArgumentException.class, () -> new StreamResampler(0, 16000));
        assertThrows(IllegalArgumentException.class, () -> new StreamResampler(16000, -1));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[1], 1, 16000));
    }
}
