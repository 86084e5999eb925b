package io.screamguard.training.train;

import io.screamguard.core.model.ModelMetadata;
import io.screamguard.training.evaluation.ClipScorer;
import io.screamguard.training.evaluation.Folds;
import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.ClipWindows;
import io.screamguard.training.windows.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Out-of-fold clip scores: for every fold, a model trained (with selection, augmentation and
 * SMOTE) on the other folds only scores the held-out clips. Nothing of a held-out clip, not even
 * as augmentation noise, reaches its fold's training.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * Scores every clip out of fold.
     *
     * @param split    the split
     * @param audio    the clips' audio
     * @param windows  the clips' windows (same order)
     * @param trainer  the trainer
     * @param metadata metadata for the fold models (not saved)
     * @param seed     seed; fold f trains with {@code seed + f + 1}
     * @param label    progress-bar label
     * @param showProgress whether to draw a progress bar
     * @return a score per clip
     */
    public static double[] outOfFoldScores(Folds.Split split, List<ClipAudio> audio, List<ClipWindows> windows,
                                           ModelTrainer trainer, ModelMetadata metadata, long seed, String label,
                                           boolean showProgress) {
        double[] scores = new double[windows.size()];
        double quietRms = metadata.detector().quietRms();
        try (Progress progress = Progress.of(label, split.folds(), showProgress)) {
            for (int fold = 0; fold < split.folds(); fold++) {
                List<ClipAudio> trainAudio = new ArrayList<>();
                List<ClipWindows> trainWindows = new ArrayList<>();
                List<Integer> held = new ArrayList<>();
                for (int i = 0; i < windows.size(); i++) {
                    if (split.foldOfClip()[i] == fold) {
                        held.add(i);
                    } else {
                        trainAudio.add(audio.get(i));
                        trainWindows.add(windows.get(i));
                    }
                }
                if (!held.isEmpty()) {
                    ModelTrainer.Trained trained;
                    try {
                        trained = trainer.train(trainAudio, trainWindows, metadata, seed + fold + 1);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("cannot train " + label + " " + split.foldNames().get(fold)
                                + " (without its clips): " + e.getMessage(), e);
                    }
                    List<ClipWindows> heldWindows = held.stream().map(windows::get).toList();
                    double[] heldScores = ClipScorer.clipScores(trained.model(), heldWindows, quietRms);
                    for (int j = 0; j < held.size(); j++) {
                        scores[held.get(j)] = heldScores[j];
                    }
                }
                progress.step();
            }
        }
        return scores;
    }
}
