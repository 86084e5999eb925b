package io.screamguard.training.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Labelled folders of synthetic recordings whose right answer is obvious: "screams" are loud
 * harmonic tones gliding between 700 and 1400 Hz, "non-screams" are quiet noise or a low hum.
 */
final class SyntheticData {

    static final int RATE = 16000;

    private SyntheticData() {
    }

    /** Writes SOURCE/{scream,non_scream}/... for each source. */
    static void write(Path root, String[] sources, int screamsPerSource, int othersPerSource, long seed)
            throws IOException {
        Random random = new Random(seed);
        for (String source : sources) {
            for (int i = 0; i < screamsPerSource; i++) {
                writeWav(root.resolve(source).resolve("scream").resolve("take" + i + ".wav"), scream(random));
            }
            for (int i = 0; i < othersPerSource; i++) {
                float[] signal = i % 2 == 0 ? noise(random) : hum(random);
                writeWav(root.resolve(source).resolve("non_scream").resolve("g" + (i % 3)).resolve("x" + i + ".wav"),
                        signal);
            }
        }
    }

    static float[] scream(Random random) {
        double seconds = 1.2 + random.nextDouble() * 0.6;
        float[] out = new float[(int) (seconds * RATE) + RATE / 4];
        double f0 = 700 + random.nextDouble() * 200;
        double glide = 300 + random.nextDouble() * 400;
        double phase = 0;
        int voiced = (int) (seconds * RATE);
        for (int i = 0; i < voiced; i++) {
            double t = i / (double) voiced;
            double f = f0 + glide * Math.sin(Math.PI * t);
            phase += 2 * Math.PI * f / RATE;
            double v = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase);
            double envelope = Math.min(1, Math.min(t * 20, (1 - t) * 20));
            out[i] = (float) (0.3 * envelope * v + 0.01 * random.nextGaussian());
        }
        return out;
    }

    static float[] noise(Random random) {
        float[] out = new float[2 * RATE + random.nextInt(RATE)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (0.05 * random.nextGaussian());
        }
        return out;
    }

    static float[] hum(Random random) {
        float[] out = new float[2 * RATE + random.nextInt(RATE)];
        double f = 100 + random.nextDouble() * 60;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (0.1 * Math.sin(2 * Math.PI * f * i / RATE) + 0.01 * random.nextGaussian());
        }
        return out;
    }

    /** 16-bit mono PCM WAV. */
    static void writeWav(Path file, float[] samples) throws IOException {
        Files.createDirectories(file.getParent());
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            data.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + data.capacity()).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt(data.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        out.write(data.array());
        Files.write(file, out.toByteArray());
    }
}
