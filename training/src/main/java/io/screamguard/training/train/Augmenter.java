package io.screamguard.training.train;

import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.ClipWindows;
import io.screamguard.training.windows.WindowExtraction;
import io.screamguard.training.windows.WindowSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Makes augmented scream examples from the scream clips of a training fold. */
public final class Augmenter {

    private Augmenter() {
    }

    /**
     * The scream example rows of every augmented variant.
     *
     * @param screams     scream clips of the training fold
     * @param noisePool   non-scream clips of the same training fold (noise sources)
     * @param extraction  the window extraction
     * @param settings    augmentation, gate and window-selection settings
     * @param seed        seed; each variant's generator also depends on the clip's path and copy number
     * @return summary vectors of the selected windows of all variants
     */
    public static List<float[]> screamExamples(List<ClipAudio> screams, List<ClipAudio> noisePool,
                                               WindowExtraction extraction, TrainingSettings settings, long seed) {
        Augmentation aug = settings.augmentation();
        if (!aug.enabled() || screams.isEmpty()) {
            return List.of();
        }
        return screams.parallelStream().flatMap(clip -> {
            List<float[]> rows = new ArrayList<>();
            for (int copy = 0; copy < aug.copies(); copy++) {
                SplittableRandom random = new SplittableRandom(
                        seed * 1_000_003L + clip.clip().path().toString().hashCode() * 31L + copy);
                rows.addAll(variantRows(clip, noisePool, extraction, settings, random));
            }
            return rows.stream();
        }).toList();
    }

    static List<float[]> variantRows(ClipAudio clip, List<ClipAudio> noisePool, WindowExtraction extraction,
                                     TrainingSettings settings, SplittableRandom random) {
        Augmentation aug = settings.augmentation();
        int shift = random.nextInt(Math.max(1, extraction.hopSamples()));
        double gainDb = aug.minGainDb() + random.nextDouble() * (aug.maxGainDb() - aug.minGainDb());
        float[] clean = shiftAndGain(clip.samples(), shift, Math.pow(10, gainDb / 20));
        float[] heard = clean;
        if (aug.snrDb().length > 0 && !noisePool.isEmpty()) {
            ClipAudio noise = noisePool.get(random.nextInt(noisePool.size()));
            double snr = aug.snrDb()[random.nextInt(aug.snrDb().length)];
            heard = mixAtSnr(clean, noise.samples(), snr, extraction.windowSamples(), extraction.hopSamples(), random);
        }
        double[] labelRms = WindowSignal.windowRms(clean, extraction.windowSamples(), extraction.hopSamples());
        ClipWindows windows = extraction.windows(clip.clip(), heard);
        if (windows.size() != labelRms.length) {
            return List.of();
        }
        int[] chosen = WindowSelection.screamWindows(labelRms, windows.rms(), settings.detector().quietRms(),
                settings.loudWindowDb(), settings.maxWindowsPerClip());
        List<float[]> rows = new ArrayList<>(chosen.length);
        for (int i : chosen) {
            rows.add(windows.summaries()[i]);
        }
        return rows;
    }

    /** {@code shift} zeros, then the samples times {@code gain}, clipped to [-1, 1]. */
    static float[] shiftAndGain(float[] samples, int shift, double gain) {
        float[] out = new float[samples.length + shift];
        for (int i = 0; i < samples.length; i++) {
            out[i + shift] = clip(samples[i] * gain);
        }
        return out;
    }

    /**
     * Adds noise (looped from a random offset) so that the loudest window of the signal stands
     * {@code snrDb} above the noise's RMS; clipped to [-1, 1].
     */
    static float[] mixAtSnr(float[] signal, float[] noise, double snrDb, int windowSamples, int hopSamples,
                            SplittableRandom random) {
        double signalPeakRms = 0;
        for (double r : WindowSignal.windowRms(signal, windowSamples, hopSamples)) {
            signalPeakRms = Math.max(signalPeakRms, r);
        }
        double noiseRms = WindowSignal.rms(noise, 0, noise.length);
        if (noiseRms <= 0 || signalPeakRms <= 0) {
            return signal.clone();
        }
        double scale = signalPeakRms / Math.pow(10, snrDb / 20) / noiseRms;
        int offset = random.nextInt(noise.length);
        float[] out = new float[signal.length];
        for (int i = 0; i < signal.length; i++) {
            out[i] = clip(signal[i] + scale * noise[(offset + i) % noise.length]);
        }
        return out;
    }

    private static float clip(double value) {
        return (float) Math.max(-1.0, Math.min(1.0, value));
    }
}
