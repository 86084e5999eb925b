package io.screamguard.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screamguard.core.features.FeatureConfig;
import io.screamguard.core.features.FeatureSchema;
import io.screamguard.core.features.WindowConfig;
import io.screamguard.core.model.DetectorSettings;
import io.screamguard.core.model.ForestParams;
import io.screamguard.core.model.ModelMetadata;
import io.screamguard.training.dataset.Clip;
import io.screamguard.training.evaluation.Folds;
import io.screamguard.training.evaluation.ThresholdRule;
import io.screamguard.training.streams.StreamPlan;
import io.screamguard.training.windows.ClipAudio;
import io.screamguard.training.windows.ClipWindows;
import io.screamguard.training.windows.WindowExtraction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private static final FeatureConfig FEATURES = FeatureConfig.analysis();
    private static final WindowConfig WINDOW = new WindowConfig(1.0, 0.5);
    private static final ThresholdRule RULE = new ThresholdRule(0.05, 0.5, 5, List.of());

    private static List<ClipAudio> audio;
    private static List<ClipWindows> windows;
    private static ModelTrainer trainer;
    private static ModelMetadata metadata;

    @BeforeAll
    static void syntheticClips() {
        Random random = new Random(5);
        audio = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            boolean scream = i % 3 == 0;
            float[] samples = scream ? SyntheticData.scream(random)
                    : i % 2 == 0 ? SyntheticData.noise(random) : SyntheticData.hum(random);
            audio.add(new ClipAudio(new Clip(Path.of("c" + i + ".wav"), "src", "g" + i, scream ? 1 : 0,
                    scream ? "scream" : i % 2 == 0 ? "noise" : "hum"), samples, SyntheticData.RATE));
        }
        WindowExtraction extraction = new WindowExtraction(FEATURES, WINDOW);
        windows = extraction.windows(audio, false);
        TrainingSettings settings = new TrainingSettings(FEATURES, WINDOW, new DetectorSettings(0.003, 1, 2), 10, 4, 0, 5,
                1.0, new ForestParams(10, 0, 20, 1000, 3, 1.0, 1), Augmentation.NONE, 2, RULE, 0, 1);
        trainer = new ModelTrainer(settings, extraction);
        FeatureSchema schema = FeatureSchema.current();
        metadata = new ModelMetadata("test", schema.version(), schema.names(), FEATURES, WINDOW,
                settings.detector(), 0.5, 1, settings.forest(), Map.of());
    }

    @Test
    void each_outer_fold_is_judged_at_the_threshold_its_training_clips_alone_choose() {
        List<Clip> clips = audio.stream().map(ClipAudio::clip).toList();
        Folds.Split split = Folds.groupStratifiedKFold(clips, 2, 3);
        FoldPlan plan = new FoldPlan(null, 2, 5, RULE);

        CrossValidation.OutOfFold out = CrossValidation.run(split, audio, windows, null, List.of(), trainer, metadata, 11,
                plan, "cv", false);

        assertEquals(2, out.foldThresholds().size());
        for (int fold = 0; fold < 2; fold++) {
            List<ClipWindows> trainWindows = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                if (split.foldOfClip()[i] != fold) {
                    trainWindows.add(windows.get(i));
                } else {
                    assertEquals(out.foldThresholds().get(fold), out.nestedThresholds()[i]);
                }
            }
            // recomputed from the training side alone: the held-out clips play no part
            double again = CrossValidation.innerThreshold(trainer, plan, trainWindows, List.of(), metadata, 11 * 31 + fold);
            assertEquals(out.foldThresholds().get(fold), again);
        }
    }

    @Test
    void the_telephone_band_and_stream_figures_cover_every_held_out_clip() {
        List<Clip> clips = audio.stream().map(ClipAudio::clip).toList();
        Folds.Split split = Folds.groupStratifiedKFold(clips, 2, 3);
        FoldPlan plan = new FoldPlan(StreamPlan.standard(4), 0, 5, RULE);

        List<ClipWindows> telephone = CrossValidation.telephoneWindows(audio, trainer.extraction());
        CrossValidation.OutOfFold out = CrossValidation.run(split, audio, windows, telephone, List.of(), trainer,
                metadata, 11, plan, "cv", false);

        assertNotNull(out.telephoneScores());
        assertEquals(clips.size(), out.telephoneScores().length);
        assertEquals(null, out.nestedThresholds());
        int screams = out.streams().stream().mapToInt(s -> s.screams().size()).sum();
        assertEquals(8, screams);
        double nonScream = out.streams().stream().mapToDouble(s -> s.nonScreamSeconds()).sum();
        double expected = audio.stream().filter(a -> !a.clip().isScream()).mapToDouble(ClipAudio::durationSeconds).sum();
        assertEquals(expected, nonScream, 1e-6);
        // the synthetic screams are plain to the model, in full band as in the telephone band (they sit below 4 kHz)
        for (int i = 0; i < clips.size(); i++) {
            if (clips.get(i).isScream()) {
                assertTrue(out.telephoneScores()[i] > 0.5, "telephone score of scream " + i + ": " + out.telephoneScores()[i]);
            }
        }
    }
}
