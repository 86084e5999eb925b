package io.screamguard.training;

import io.screamguard.training.bench.BenchCommand;
import io.screamguard.training.features.FeaturesCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code screamguard-cli} entry point: one top command whose subcommands build, evaluate and
 * benchmark what the server runs. Add a subcommand with one {@code addSubcommand} line in
 * {@link #commandLine()}; tests run the same {@link CommandLine} in-process.
 */
@Command(name = "screamguard-cli", mixinStandardHelpOptions = true, version = "screamguard-cli 0.1.0",
        description = "ScreamGuard command line: features, training, evaluation and benchmarks.",
        subcommands = CommandLine.HelpCommand.class)
public final class Cli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** @return the command line with every subcommand registered */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Cli());
        cli.addSubcommand("features", new FeaturesCommand());
        cli.addSubcommand("bench", new BenchCommand());
        cli.addSubcommand("train", new io.screamguard.training.train.TrainCommand());
        cli.addSubcommand("evaluate", new io.screamguard.training.train.EvaluateCommand());
        cli.addSubcommand("detect", new io.screamguard.training.detect.DetectCommand());
        cli.addSubcommand("loadgen", new io.screamguard.training.loadgen.LoadgenCommand());
        // further subcommands (train, evaluate, detect, ...): one addSubcommand line each
        return cli;
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // Libraries that log through java.util.logging (JAAD, the M4A decoder) go to logback too.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
