package io.screamguard.training.train;

import io.screamguard.training.dataset.Clip;
import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.ClipWindows;
import io.screamguard.training.windows.WindowExtraction;
import io.screamguard.training.windows.WindowSignal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Makes the augmented variants of clips (see {@link Augmentation}) and picks those a training set may use. */
public final class Augmenter {

    private Augmenter() {
    }

    /**
     * An augmented clip: the windows of the altered signal, and the RMS of the clean signal's
     * windows (which decides which windows of a scream are the scream, whatever the noise added).
     *
     * @param windows  the variant's windows (its clip is the original clip)
     * @param labelRms the clean signal's window RMS, one per window
     * @param noise    the clip whose audio was mixed in as noise, or null
     */
    public record Variant(ClipWindows windows, double[] labelRms, Clip noise) {

        /** Whether this variant may train a model on {@code training}: its clip and its noise both belong to it. */
        boolean within(Set<Clip> training) {
            return training.contains(windows.clip()) && (noise == null || training.contains(noise));
        }
    }

    /**
     * The variants that may train a model on {@code training} (made once for all clips, so that
     * cross-validation does not make them again for every fold): nothing of a clip outside the
     * training set, not even as noise, gets in.
     */
    public static List<Variant> within(List<Variant> variants, List<ClipWindows> training) {
        if (variants.isEmpty()) {
            return variants;
        }
        Set<Clip> clips = new HashSet<>();
        training.forEach(w -> clips.add(w.clip()));
        return variants.stream().filter(v -> v.within(clips)).toList();
    }

    /**
     * The variants of clips.
     *
     * @param clips      the clips
     * @param noisePool  non-scream clips to draw noise from
     * @param extraction the window extraction
     * @param aug        what to do
     * @param seed       seed; each variant's generator also depends on the clip's path and copy number
     * @return the variants, in clip order
     */
    public static List<Variant> variants(List<ClipAudio> clips, List<ClipAudio> noisePool, WindowExtraction extraction,
                                         Augmentation aug, long seed) {
        if (!aug.enabled() || clips.isEmpty()) {
            return List.of();
        }
        return clips.parallelStream().flatMap(clip -> {
            List<Variant> made = new ArrayList<>();
            long clipSeed = seed * 1_000_003L + clip.clip().path().toString().hashCode() * 31L;
            if (clip.clip().isScream()) {
                for (int copy = 0; copy < aug.screamCopies(); copy++) {
                    made.add(variant(clip, noisePool, extraction, aug, new SplittableRandom(clipSeed + copy)));
                }
            } else {
                SplittableRandom random = new SplittableRandom(clipSeed - 1);
                if (random.nextDouble() < aug.nonScreamShare()) {
                    made.add(variant(clip, noisePool, extraction, aug, random));
                }
            }
            return made.stream();
        }).toList();
    }

    static Variant variant(ClipAudio clip, List<ClipAudio> noisePool, WindowExtraction extraction, Augmentation aug,
                           SplittableRandom random) {
        int rate = extraction.sampleRate();
        int shift = random.nextInt(Math.max(1, extraction.hopSamples()));
        double gainDb = aug.minGainDb() + random.nextDouble() * (aug.maxGainDb() - aug.minGainDb());
        float[] clean = shiftAndGain(clip.samples(), shift, Math.pow(10, gainDb / 20));
        float[] heard = clean;
        if (random.nextDouble() < aug.reverbShare()) {
            heard = DeviceEffects.reverberate(heard, rate, 0.2 + 0.6 * random.nextDouble(),
                    0.2 + 0.4 * random.nextDouble());
        }
        Clip noiseClip = null;
        double[] snrs = aug.snrDb();
        if (snrs.length > 0 && !noisePool.isEmpty() && random.nextDouble() < aug.noiseShare()) {
            ClipAudio noise = noisePool.get(random.nextInt(noisePool.size()));
            if (noise != clip) {
                double snr = snrs[random.nextInt(snrs.length)];
                heard = mixAtSnr(heard, noise.samples(), snr, extraction.windowSamples(), extraction.hopSamples(),
                        random);
                noiseClip = noise.clip();
            }
        }
        if (random.nextDouble() < aug.telephoneShare()) {
            heard = DeviceEffects.telephoneBand(heard, rate);
        }
        ClipWindows windows = extraction.windows(clip.clip(), heard);
        double[] labelRms = WindowSignal.windowRms(clean, extraction.windowSamples(), extraction.hopSamples());
        if (labelRms.length != windows.size()) {
            labelRms = windows.rms();
        }
        return new Variant(windows, labelRms, noiseClip);
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
