package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live path (bytes -> PcmFrameDecoder -> StreamResampler -> SampleWindower), fed in random chunk
 * sizes, yields exactly the windows cut from the whole signal resampled offline.
 */
class StreamPipelineTest {

    private static final int ANALYSIS_HZ = 16000;
    private static final int WINDOW_SAMPLES = 16000;
    private static final int HOP_SAMPLES = 4000;

    @ParameterizedTest(name = "{0} Hz, {1}, {2} channels")
    @CsvSource({"48000,F32LE,1", "48000,S16LE,2", "44100,S16LE,1", "22050,F32LE,2", "8000,S16LE,1",
        "96000,F32LE,1", "16000,S16LE,1", "11025,S16LE,3"})
    void windows_from_a_randomly_chunked_stream_equal_the_offline_windows(int sourceHz, PcmEncoding encoding,
            int channels) {
        Random random = new Random(sourceHz + channels);
        byte[] bytes = PcmFrameDecoderTest.interleaved(encoding, channels, sourceHz * 4 + 777, random);

        // offline: the whole recording at once
        float[] mono = new PcmFrameDecoder(encoding, channels).decode(bytes, 0, bytes.length);
        float[] resampled = Resampler.resample(mono, sourceHz, ANALYSIS_HZ);
        List<float[]> expected = new ArrayList<>();
        new SampleWindower(WINDOW_SAMPLES, HOP_SAMPLES).push(resampled, expected::add);

        // live: the same bytes in random chunks, odd sizes and empty ones included
        PcmFrameDecoder frames = new PcmFrameDecoder(encoding, channels);
        StreamResampler resampler = new StreamResampler(sourceHz, ANALYSIS_HZ);
        SampleWindower windower = new SampleWindower(WINDOW_SAMPLES, HOP_SAMPLES);
        List<float[]> live = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int size = Math.min(bytes.length - at, random.nextInt(random.nextBoolean() ? 7 : 9000));
            windower.push(resampler.process(frames.decode(bytes, at, size)), live::add);
            at += size;
        }

        assertTrue(expected.size() >= 10, "only " + expected.size() + " windows");
        // a window needs only the input up to its end plus the filter's latency: all but the
        // windows touching the last few milliseconds are out before the stream ends
        assertTrue(live.size() >= expected.size() - 1, live.size() + " of " + expected.size());
        for (int k = 0; k < live.size(); k++) {
            assertArrayEquals(expected.get(k), live.get(k), "window " + k);
        }
        windower.push(resampler.flush(), live::add);
        assertEquals(expected.size(), live.size());
        assertArrayEquals(expected.get(expected.size() - 1), live.get(live.size() - 1));
    }
}
