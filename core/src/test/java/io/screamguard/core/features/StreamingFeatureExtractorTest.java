package io.screamguard.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingFeatureExtractorTest {

    private record Window(long endSample, float[] summary, double rms) {
    }

    private static List<Window> stream(StreamingFeatureExtractor extractor, float[] signal, Random chunks, int maxChunk) {
        List<Window> out = new ArrayList<>();
        int pos = 0;
        while (pos < signal.length) {
            int n = Math.min(signal.length - pos, chunks.nextInt(maxChunk + 1));
            extractor.push(Arrays.copyOfRange(signal, pos, pos + n), (end, summary, rms) -> out.add(new Window(end, summary, rms)));
            pos += n;
        }
        return out;
    }

    @Test
    void streaming_in_random_chunk_sizes_gives_exactly_the_offline_windows() {
        FeatureConfig config = FeatureConfig.analysis();
        WindowConfig windows = WindowConfig.DEFAULT;
        float[] clip = Tones.screamLike(7, config.sampleRate(), 6.3);
        List<float[]> offline = new WindowFeatureExtractor(config, windows).windows(clip);

        for (int seed = 0; seed < 5; seed++) {
            int maxChunk = new int[] {1, 37, 320, 4000, 40000}[seed];
            List<Window> streamed = stream(new StreamingFeatureExtractor(config, windows), clip, new Random(seed), maxChunk);

            assertEquals(offline.size(), streamed.size(), "window count, chunks up to " + maxChunk);
            for (int j = 0; j < offline.size(); j++) {
                assertArrayEquals(offline.get(j), streamed.get(j).summary(), "window " + j + ", chunks up to " + maxChunk);
                assertEquals(j * 8000L + 16000L, streamed.get(j).endSample(), "end sample of window " + j);
            }
        }
    }

    @Test
    void streaming_matches_offline_at_the_librosa_settings_with_overlapping_quarter_second_hops() {
        FeatureConfig config = FeatureConfig.librosa(22050);
        WindowConfig windows = new WindowConfig(1.5, 512 * 11 / 22050.0);
        float[] clip = Tones.noise(3, 0.2, 22050 * 4);
        List<float[]> offline = new WindowFeatureExtractor(config, windows).windows(clip);

        List<Window> streamed = stream(new StreamingFeatureExtractor(config, windows), clip, new Random(11), 3000);

        assertEquals(offline.size(), streamed.size());
        for (int j = 0; j < offline.size(); j++) {
            assertArrayEquals(offline.get(j), streamed.get(j).summary(), "window " + j);
        }
    }

    @Test
    void window_rms_is_the_level_of_the_window_samples() {
        FeatureConfig config = FeatureConfig.analysis();
        float[] sine = Tones.sine(440, 0.5, config.sampleRate(), 3.0);
        List<Window> streamed = stream(new StreamingFeatureExtractor(config, WindowConfig.DEFAULT), sine, new Random(1), 1000);

        assertEquals(5, streamed.size());
        for (Window w : streamed) {
            assertEquals(0.5 / Math.sqrt(2), w.rms(), 1e-3);
        }
    }

    @Test
    void emits_nothing_until_a_whole_window_has_arrived() {
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT);
        List<Long> ends = new ArrayList<>();

        extractor.push(new float[15999], (end, s, rms) -> ends.add(end));
        assertTrue(ends.isEmpty(), "no window before 16000 samples");
        extractor.push(new float[1], (end, s, rms) -> ends.add(end));

        assertEquals(List.of(16000L), ends);
        assertEquals(16000L, extractor.samplesPushed());
    }

    @Test
    void rejects_a_window_hop_that_is_not_a_whole_number_of_stft_hops() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingFeatureExtractor(FeatureConfig.analysis(), new WindowConfig(1.0, 0.25)));
        assertTrue(e.getMessage().contains("0.25"), e.getMessage());
    }

    @Test
    void windows_with_gaps_between_them_also_match_offline() {
        FeatureConfig config = FeatureConfig.analysis();
        WindowConfig gapped = new WindowConfig(0.5, 1.2);
        float[] clip = Tones.screamLike(12, config.sampleRate(), 5.0);
        List<float[]> offline = new WindowFeatureExtractor(config, gapped).windows(clip);

        List<Window> streamed = stream(new StreamingFeatureExtractor(config, gapped), clip, new Random(4), 2500);

        assertEquals(4, offline.size());
        assertEquals(offline.size(), streamed.size());
        for (int j = 0; j < offline.size(); j++) {
            assertArrayEquals(offline.get(j), streamed.get(j).summary(), "window " + j);
            assertEquals(j * 19200L + 8000L, streamed.get(j).endSample());
        }
    }

    @Test
    void memory_stays_bounded_over_ten_minutes_of_stream() {
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT);
        float[] chunk = Tones.noise(6, 0.1, 1600);
        int capacity = extractor.bufferCapacity();
        long[] windows = new long[1];

        for (int i = 0; i < 6000; i++) {
            extractor.push(chunk, (end, summary, rms) -> windows[0]++);
        }

        assertEquals(1199, windows[0], "one window per half second after the first second");
        assertEquals(capacity, extractor.bufferCapacity(), "buffer did not grow");
    }

    @Test
    void window_rms_is_bit_for_bit_the_level_of_the_window_samples_whatever_the_chunks() {
        FeatureConfig config = FeatureConfig.analysis();
        float[] clip = Tones.screamLike(5, config.sampleRate(), 6.0);
        WindowConfig[] layouts = {WindowConfig.DEFAULT, new WindowConfig(0.5, 1.2), new WindowConfig(1.3, 0.1)};
        for (WindowConfig windows : layouts) {
            int length = windows.windowSamples(config);
            int hop = windows.hopSamples(config);
            for (int maxChunk : new int[] {1, 333, 50000}) {
                List<Window> streamed = stream(new StreamingFeatureExtractor(config, windows), clip, new Random(maxChunk), maxChunk);

                assertEquals(1 + (clip.length - length) / hop, streamed.size(), windows + ", chunks up to " + maxChunk);
                for (int j = 0; j < streamed.size(); j++) {
                    double sum = 0.0;
                    for (int i = j * hop; i < j * hop + length; i++) {
                        double x = clip[i];
                        sum += x * x;
                    }
                    assertEquals(Math.sqrt(sum / length), streamed.get(j).rms(), 0.0,
                            "window " + j + " of " + windows + ", chunks up to " + maxChunk);
                }
            }
        }
    }

    @Test
    void one_long_chunk_does_not_grow_the_buffer() {
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(FeatureConfig.analysis(), WindowConfig.DEFAULT);
        int capacity = extractor.bufferCapacity();
        List<Long> ends = new ArrayList<>();

        extractor.push(Tones.noise(2, 0.1, 16000 * 10), (end, summary, rms) -> ends.add(end));

        assertEquals(19, ends.size(), "windows of ten seconds");
        assertEquals(capacity, extractor.bufferCapacity(), "buffer did not grow");
        assertTrue(capacity <= 2 * FeatureConfig.analysis().nFft(), "buffer holds at most two frames, got " + capacity);
    }
    @Test
    void a_stream_whose_reader_needs_no_chroma_or_contrast_gives_nan_there_and_the_same_bits_elsewhere() {
        FeatureConfig config = FeatureConfig.analysis();
        WindowConfig window = new WindowConfig(1.0, 0.5);
        StreamingFeatureExtractor whole = new StreamingFeatureExtractor(config, window);
        List<String> names = whole.schema().names();
        List<String> read = names.stream().filter(n -> !n.startsWith("chroma_") && !n.startsWith("contrast")).toList();
        StreamingFeatureExtractor partial = new StreamingFeatureExtractor(config, window, read);
        float[] signal = Tones.screamLike(31, 16000, 4.0);

        List<Window> all = stream(whole, signal, new Random(5), 3000);
        List<Window> some = stream(partial, signal, new Random(6), 700);

        assertEquals(all.size(), some.size());
        assertTrue(all.size() >= 6, "windows: " + all.size());
        int skipped = 0;
        for (int w = 0; w < all.size(); w++) {
            assertEquals(all.get(w).rms(), some.get(w).rms(), 0.0);
            for (int i = 0; i < names.size(); i++) {
                float expected = all.get(w).summary()[i];
                float actual = some.get(w).summary()[i];
                if (read.contains(names.get(i)) || names.get(i).startsWith("rms_")) {
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                            "window " + w + ", " + names.get(i) + ": " + expected + " against " + actual);
                } else {
                    assertTrue(Float.isNaN(actual), names.get(i) + " is not computed: " + actual);
                    assertTrue(Float.isFinite(expected), names.get(i) + " of the whole vector");
                    skipped++;
                }
            }
        }
        assertEquals(all.size() * (24 + 14), skipped, "12 chroma and 7 contrast rows, mean and std each");
    }

    @Test
    void a_stream_whose_reader_needs_one_chroma_value_computes_the_chroma() {
        FeatureConfig config = FeatureConfig.analysis();
        WindowConfig window = new WindowConfig(1.0, 0.5);
        StreamingFeatureExtractor whole = new StreamingFeatureExtractor(config, window);
        List<String> names = whole.schema().names();
        StreamingFeatureExtractor partial = new StreamingFeatureExtractor(config, window,
                List.of("mfcc1_mean", "chroma_A_std"));
        float[] signal = Tones.screamLike(32, 16000, 2.0);

        Window all = stream(whole, signal, new Random(5), 4000).get(0);
        Window some = stream(partial, signal, new Random(5), 4000).get(0);

        int chroma = names.indexOf("chroma_C_mean");
        int contrast = names.indexOf("contrast0_db_mean");
        assertEquals(all.summary()[chroma], some.summary()[chroma], 0.0f);
        assertTrue(Float.isNaN(some.summary()[contrast]), "contrast is not read: " + some.summary()[contrast]);
    }

    @Test
    void a_stream_rejects_a_feature_name_that_is_not_in_the_schema() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new StreamingFeatureExtractor(FeatureConfig.analysis(), new WindowConfig(1.0, 0.5), List.of("mfcc1_mean", "loudness")));

        assertTrue(e.getMessage().contains("'loudness'"), e.getMessage());
    }
}
