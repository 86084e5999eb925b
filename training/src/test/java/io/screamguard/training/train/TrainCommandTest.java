package io.screamguard.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screamguard.core.model.ScreamModel;
import io.screamguard.training.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

    @TempDir
    static Path shared;

    static Path data;
    static Path model;
    static Run trained;

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        CommandLine cli = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainOnSyntheticSources() throws Exception {
        data = shared.resolve("data");
        SyntheticData.write(data, new String[] {"alpha", "beta"}, 8, 10, 1);
        model = shared.resolve("model");
        trained = cli("train", "--data", data.toString(), "--out", model.toString(), "--trees", "20", "--folds", "3",
                "--no-progress");
    }

    @Test
    void writes_a_loadable_model_with_its_metadata_report_and_plots() throws Exception {
        assertEquals(0, trained.exit(), trained.err());

        ScreamModel loaded = ScreamModel.load(model);
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        for (String file : List.of("report.md", "out_of_fold_scores.csv", "roc.png", "pr.png", "threshold.png", "confusion.png",
                ScreamModel.FOREST_FILE)) {
            assertTrue(Files.size(model.resolve(file)) > 0, file);
        }
        assertEquals(42, json.get("seed").asLong());
        assertEquals(101, json.at("/training/metrics/leaveOneSourceOut/thresholdCurve").size());
        assertTrue(json.at("/training/metrics/groupKFold/f1").asDouble() > 0.9, json.at("/training/metrics").toString());
        assertTrue(json.at("/training/data/alpha/screamClips").asInt() == 8);
        assertEquals(loaded.metadata().recommendedThreshold(), json.get("recommendedThreshold").asDouble());
        assertTrue(Files.readString(model.resolve("report.md")).contains("Leave-one-source-out"));
        assertTrue(trained.out().contains("CPU"), trained.out());
        List<String> csv = Files.readAllLines(model.resolve("out_of_fold_scores.csv"));
        assertEquals(1 + 36, csv.size());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("scream/take0.wav,alpha,take0,scream,1,")), csv.get(1));
    }

    @Test
    void evaluate_prints_one_json_object_with_the_agreed_keys() throws Exception {
        Run run = cli("evaluate", "--model", model.toString(), "--data", data.resolve("beta").toString(), "--json");

        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> keys = List.of("clips", "screams", "threshold", "accuracy", "precision", "recall", "f1",
                "false_alarm_rate", "roc_auc", "pr_auc", "tp", "fp", "tn", "fn", "by_source", "by_subtype");
        List<String> actual = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(actual::add);
        assertEquals(keys, actual);
        assertEquals(18, json.get("clips").asInt());
        assertEquals(8, json.get("screams").asInt());
        assertTrue(json.get("f1").asDouble() > 0.9, run.out());
        // no manifest: the subtypes are the class folders
        assertEquals(8, json.at("/by_subtype/scream/screams").asInt());
        assertEquals(10, json.at("/by_subtype/non_scream/clips").asInt());
        assertEquals(18, json.at("/by_source/beta/clips").asInt());
    }

    @Test
    void evaluate_uses_the_threshold_it_is_given() throws Exception {
        Run run = cli("evaluate", "--model", model.toString(), "--data", data.toString(), "--json", "--threshold", "0");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(0.0, json.get("threshold").asDouble());
        assertEquals(1.0, json.get("recall").asDouble());
        assertEquals(0, json.get("tn").asInt());
    }

    @Test
    void the_same_seed_gives_the_same_figures_and_forest() throws Exception {
        Path again = shared.resolve("again");
        Run run = cli("train", "--data", data.toString(), "--out", again.toString(), "--trees", "20", "--folds", "3",
                "--no-progress");

        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(model.resolve("model.json").toFile());
        JsonNode second = json.readTree(again.resolve("model.json").toFile());
        assertEquals(0, run.exit(), run.err());
        assertEquals(first.at("/training/metrics"), second.at("/training/metrics"));
        assertEquals(first.at("/training/featureImportance"), second.at("/training/featureImportance"));
        float[] probe = new float[io.screamguard.core.features.FeatureSchema.current().size()];
        assertEquals(ScreamModel.load(model).screamProbability(probe), ScreamModel.load(again).screamProbability(probe));
    }

    @Test
    void a_missing_folder_is_a_clear_error_and_exit_code_two() {
        Run run = cli("train", "--data", shared.resolve("nowhere").toString(), "--out", shared.resolve("x").toString());

        assertEquals(TrainCommand.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void a_single_class_is_a_clear_error() throws Exception {
        Path onlyNoise = shared.resolve("only-noise");
        SyntheticData.writeWav(onlyNoise.resolve("non_scream").resolve("a.wav"), new float[SyntheticData.RATE]);

        Run run = cli("train", "--data", onlyNoise.toString(), "--out", shared.resolve("y").toString());

        assertEquals(TrainCommand.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("only non-scream"), run.err());
    }

    @Test
    void out_of_range_k_values_are_clear_errors() {
        Run folds = cli("train", "--data", data.toString(), "--out", shared.resolve("z").toString(), "--folds", "500",
                "--no-progress");
        Run smote = cli("train", "--data", data.toString(), "--out", shared.resolve("z").toString(), "--smote-k", "0",
                "--no-progress");

        assertEquals(TrainCommand.EXIT_BAD_INPUT, folds.exit());
        assertTrue(folds.err().contains("--folds must be between 2 and"), folds.err());
        assertEquals(TrainCommand.EXIT_BAD_INPUT, smote.exit());
        assertTrue(smote.err().contains("--smote-k must be >= 1, got 0"), smote.err());
    }

    @Test
    void bad_forest_and_window_settings_are_refused_before_any_work() {
        Run mtry = cli("train", "--data", data.toString(), "--out", shared.resolve("w").toString(), "--mtry", "500",
                "--no-progress");
        Run hop = cli("train", "--data", data.toString(), "--out", shared.resolve("w").toString(), "--hop-seconds",
                "0.33", "--no-progress");

        assertEquals(TrainCommand.EXIT_BAD_INPUT, mtry.exit());
        assertTrue(mtry.err().contains("mtry must be below"), mtry.err());
        assertEquals(TrainCommand.EXIT_BAD_INPUT, hop.exit());
        assertTrue(hop.err().contains("hopSeconds 0.33"), hop.err());
    }

    @Test
    void an_unreadable_file_is_a_warning_not_an_abort() throws Exception {
        Path withJunk = shared.resolve("with-junk");
        SyntheticData.write(withJunk, new String[] {"only"}, 4, 4, 3);
        Files.writeString(withJunk.resolve("only/scream/broken.wav"), "not audio at all");

        Run run = cli("train", "--data", withJunk.toString(), "--out", shared.resolve("junk-model").toString(),
                "--trees", "5", "--folds", "2", "--no-progress");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("broken.wav"), run.err());
        assertTrue(run.out().contains("1 unreadable"), run.out());
    }

    @Test
    void evaluate_refuses_a_model_directory_without_a_model() {
        Run run = cli("evaluate", "--model", shared.resolve("empty").toString(), "--data", data.toString());

        assertEquals(TrainCommand.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("model.json"), run.err());
    }
}
