package io.screamguard.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.screamguard.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing: thousands of mutated, truncated, random and hand-made inputs, each decoded with a
 * time bound, prove that nothing but {@link AudioDecodeException} leaves the decoder (no runtime
 * exception, no out-of-memory error, no hang) and that whatever decodes is sane.
 */
class AudioDecoderFuzzTest {

    /** Fixed for reproducible CI runs; set the environment variable SCREAMGUARD_FUZZ_SEED=N to explore. */
    private static final long SEED = System.getenv("SCREAMGUARD_FUZZ_SEED") == null ? 20261121L
            : Long.parseLong(System.getenv("SCREAMGUARD_FUZZ_SEED"));
    private static final int MUTATIONS_PER_FILE = 150;
    private static final long PER_INPUT_TIMEOUT_SECONDS = 10;

    private final AudioDecoder decoder = new AudioDecoder(new DecodeLimits(8L * 1024 * 1024, 30), null);

    @Test
    void lets_nothing_but_audio_decode_exception_escape_for_thousands_of_hostile_inputs() throws Exception {
        Random random = new Random(SEED);
        Map<String, byte[]> seeds = seedFiles();
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            addTruncations(cases, seed.getKey(), seed.getValue(), random);
            addMutations(cases, seed.getKey(), seed.getValue(), random, MUTATIONS_PER_FILE);
        }
        addRandomInputs(cases, random);
        addRandomWavHeaders(cases, random);

        Map<String, Integer> outcomes = run(decoder, cases);

        System.out.println("fuzz: " + cases.size() + " inputs (seed " + SEED + "), outcomes " + outcomes);
        assertTrue(cases.size() >= 2000, "only " + cases.size() + " inputs");
        assertTrue(outcomes.getOrDefault("decoded", 0) > 0, "nothing decoded at all: the seeds are broken");
    }

    /** Decodes every case on a worker thread with a time bound; returns the count of each outcome. */
    private static Map<String, Integer> run(AudioDecoder decoder, List<Case> cases) throws InterruptedException {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        Thread[] workerThread = new Thread[1];
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-decode");
            t.setDaemon(true);
            workerThread[0] = t;
            return t;
        });
        try {
            for (Case c : cases) {
                Future<String> outcome = worker.submit(() -> decodeOnce(decoder, c));
                try {
                    outcomes.merge(outcome.get(PER_INPUT_TIMEOUT_SECONDS, TimeUnit.SECONDS), 1, Integer::sum);
                } catch (TimeoutException e) {
                    fail("decode did not finish within " + PER_INPUT_TIMEOUT_SECONDS + " s: " + c.description
                            + "\n  at " + Arrays.toString(workerThread[0].getStackTrace()).replace(", ", "\n  at "));
                } catch (ExecutionException e) {
                    throw new AssertionError("escaped the decoder on " + c.description + ": " + e.getCause(), e.getCause());
                }
            }
        } finally {
            worker.shutdownNow();
        }

        return outcomes;
    }

    @Test
    void a_streamed_decode_of_each_hostile_file_ends_as_the_in_memory_decode_does(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        Random random = new Random(SEED + 2);
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, byte[]> seed : seedFiles().entrySet()) {
            addTruncations(cases, seed.getKey(), seed.getValue(), random);
            addMutations(cases, seed.getKey(), seed.getValue(), random, 30);
        }
        addRandomWavHeaders(cases, random);
        java.nio.file.Path file = dir.resolve("input");
        int decoded = 0;
        for (Case c : cases) {
            java.nio.file.Files.write(file, c.bytes);
            String whole = outcome(() -> decoder.decode(c.bytes).samples().length);
            String streamed = outcome(() -> {
                long[] count = new long[1];
                decoder.stream(file, new MonoSink() {
                    @Override
                    public void start(int sampleRateHz) {
                    }

                    @Override
                    public void accept(float[] samples, int length) {
                        for (int i = 0; i < length; i++) {
                            if (!Float.isFinite(samples[i])) {
                                throw new AssertionError("non-finite sample streamed from " + c.description);
                            }
                        }
                        count[0] += length;
                    }
                });
                return (int) count[0];
            });
            assertEquals(whole, streamed, c.description);
            decoded += whole.startsWith("samples") ? 1 : 0;
        }
        assertTrue(decoded > 0, "nothing decoded at all: the seeds are broken");
    }

    /** "samples N" or the decode error's kind; anything else escaping fails the test. */
    private static String outcome(java.util.concurrent.Callable<Integer> decode) throws Exception {
        try {
            return "samples " + decode.call();
        } catch (AudioDecodeException e) {
            return e.kind().name();
        }
    }

    @Test
    void lets_nothing_else_escape_through_the_ffmpeg_fallback_either() throws Exception {
        AudioDecoder withFfmpeg = new AudioDecoder(new DecodeLimits(8L * 1024 * 1024, 30),
                new FfmpegDecoder(SharedData.requireFfmpeg(), 30));
        Random random = new Random(SEED + 1);
        List<Case> cases = new ArrayList<>();
        for (String name : Fixtures.FFMPEG_DECODED) {
            byte[] file = Fixtures.bytes(name);
            addMutations(cases, name, file, random, 12);
            for (int i = 0; i < 4; i++) {
                int length = random.nextInt(file.length);
                cases.add(new Case(name + " cut at " + length, Arrays.copyOf(file, length)));
            }
        }

        Map<String, Integer> outcomes = run(withFfmpeg, cases);

        System.out.println("fuzz through ffmpeg: " + cases.size() + " inputs, outcomes " + outcomes);
        assertTrue(outcomes.values().stream().mapToInt(Integer::intValue).sum() == cases.size());
    }

    private static String decodeOnce(AudioDecoder decoder, Case c) {
        try {
            DecodedAudio audio = decoder.decode(c.bytes);
            if (audio.sampleRate() < 1000 || audio.sampleRate() > 384_000 || audio.originalChannels() < 1) {
                throw new AssertionError("insane result " + audio.sampleRate() + " Hz/" + audio.originalChannels()
                        + " ch for " + c.description);
            }
            for (float s : audio.samples()) {
                if (!Float.isFinite(s)) {
                    throw new AssertionError("non-finite sample decoded from " + c.description);
                }
            }
            return "decoded";
        } catch (AudioDecodeException e) {
            if (e.getMessage() == null || e.getMessage().isBlank() || e.kind() == null) {
                throw new AssertionError("exception without a message for " + c.description, e);
            }
            return e.kind().name();
        }
    }

    private record Case(String description, byte[] bytes) {
    }

    private static Map<String, byte[]> seedFiles() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (String name : Fixtures.JAVA_DECODED) {
            seeds.put(name, Fixtures.bytes(name));
        }
        for (String name : Fixtures.FFMPEG_DECODED) {
            seeds.put(name, Arrays.copyOf(Fixtures.bytes(name), 512));
        }
        float[] tone = Signals.sine(440, 0.5, 8000, 800);
        int[][] variants = {{1, 8}, {1, 24}, {1, 32}, {3, 32}, {3, 64}};
        for (int[] v : variants) {
            WavBuilder wav = new WavBuilder().format(v[0], 2, 8000, v[1]);
            seeds.put("wav tag " + v[0] + " " + v[1] + " bit", wav.data(wav.encode(tone, tone)).build());
        }
        WavBuilder ext = new WavBuilder().format(1, 1, 8000, 16).extensible().chunk("LIST", 3);
        seeds.put("wav extensible", ext.data(ext.encode(tone)).build());
        WavBuilder rifx = new WavBuilder().riffId("RIFX").format(1, 1, 8000, 24);
        seeds.put("rifx", rifx.data(rifx.encode(tone)).build());
        return seeds;
    }

    /** Cuts at every offset of the first 160 bytes, around the audio start, and at random places. */
    private static void addTruncations(List<Case> cases, String name, byte[] file, Random random) {
        for (int length = 0; length < Math.min(file.length, 160); length += 3) {
            cases.add(new Case(name + " cut at " + length, Arrays.copyOf(file, length)));
        }
        for (int i = 0; i < 12; i++) {
            int length = random.nextInt(file.length);
            cases.add(new Case(name + " cut at " + length, Arrays.copyOf(file, length)));
        }
    }

    private static void addMutations(List<Case> cases, String name, byte[] file, Random random, int count) {
        int[] extremes = {0, -1, 0x7FFFFFFF, 0x80000000, 1, 0xFFFF, 0x10000};
        for (int i = 0; i < count; i++) {
            byte[] copy = file.clone();
            int kind = random.nextInt(4);
            int span = random.nextBoolean() ? Math.min(copy.length, 256) : copy.length;
            StringBuilder what = new StringBuilder(name).append(" mutation ").append(i).append(':');
            if (kind == 0) {
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(span);
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                    what.append(" flip@").append(at);
                }
            } else if (kind == 1 && span >= 4) {
                int at = random.nextInt(span - 3);
                int value = extremes[random.nextInt(extremes.length)];
                ByteBuffer.wrap(copy, at, 4).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                        .putInt(value);
                what.append(" int ").append(value).append('@').append(at);
            } else if (kind == 2) {
                int at = random.nextInt(span);
                int length = 1 + random.nextInt(Math.min(64, copy.length - at));
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, copy, at, length);
                what.append(" noise ").append(length).append('@').append(at);
            } else {
                int at = random.nextInt(span);
                int length = 1 + random.nextInt(32);
                byte[] shifted = new byte[copy.length - Math.min(length, copy.length - at)];
                System.arraycopy(copy, 0, shifted, 0, at);
                System.arraycopy(copy, at + (copy.length - shifted.length), shifted, at, shifted.length - at);
                copy = shifted;
                what.append(" delete ").append(length).append('@').append(at);
            }
            cases.add(new Case(what.toString(), copy));
        }
    }

    private static void addRandomInputs(List<Case> cases, Random random) {
        String[] magics = {"", "RIFF\u0000\u0000\u0000\u0000WAVE", "RIFX\u00ff\u00ff\u00ff\u00ffWAVE", "RF64",
            "fLaC", "OggS", "ID3", "\u0000\u0000\u0000\u0020ftypM4A ", "\u00ff\u00fb\u0090\u0044", "\u00ff\u00f1",
            "FORM\u0000\u0000\u0000\u0000AIFF", "\u001a\u0045\u00df\u00a3"};
        for (int i = 0; i < 240; i++) {
            String magic = magics[i % magics.length];
            byte[] head = magic.getBytes(StandardCharsets.ISO_8859_1);
            byte[] bytes = new byte[head.length + random.nextInt(i % 3 == 0 ? 64 : 6000)];
            random.nextBytes(bytes);
            System.arraycopy(head, 0, bytes, 0, head.length);
            cases.add(new Case("random " + bytes.length + " bytes after '" + magic.strip() + "'", bytes));
        }
    }

    private static void addRandomWavHeaders(List<Case> cases, Random random) {
        int[] tags = {1, 3, 0xFFFE, 6, 0, 0x55};
        long[] rates = {0, 1, 999, 8000, 16000, 44100, 384000, 384001, 0xFFFFFFFFL};
        int[] channels = {0, 1, 2, 3, 255, 65535};
        int[] bits = {0, 4, 8, 12, 16, 24, 32, 64, 65535};
        long[] sizes = {0, 1, 7, 100, 0x7FFFFFFFL, 0xFFFFFFF0L, 0xFFFFFFFFL};
        for (int i = 0; i < 320; i++) {
            int tag = tags[random.nextInt(tags.length)];
            int ch = channels[random.nextInt(channels.length)];
            int bitDepth = bits[random.nextInt(bits.length)];
            long rate = rates[random.nextInt(rates.length)];
            WavBuilder wav = new WavBuilder().format(tag == 0xFFFE ? 1 : tag, ch, rate, bitDepth);
            if (tag == 0xFFFE) {
                wav.extensible();
            }
            if (random.nextBoolean()) {
                wav.blockAlign(random.nextInt(70000));
            }
            byte[] data = new byte[random.nextInt(400)];
            random.nextBytes(data);
            wav.data(data);
            if (random.nextBoolean()) {
                wav.declaredDataSize(sizes[random.nextInt(sizes.length)]);
            }
            cases.add(new Case("wav header tag " + tag + ", " + ch + " ch, " + rate + " Hz, " + bitDepth + " bits",
                    wav.build()));
        }
    }
}
