package org.lmlab.cli;

import java.io.PrintWriter;
import org.lmlab.config.BadInputException;
import org.lmlab.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lmlab} command. Exit codes: 0 success; 1 a reproduction criterion failed or training diverged;
 * 2 bad input (one line naming the key, file or line); 3 an internal error.
 */
@Command(name = "lmlab", mixinStandardHelpOptions = true, version = "lmlab 0.1.0",
        description = "A workbench for the science of training language models.",
        subcommands = {DemoCommand.class, TrainCommand.class, SampleCommand.class, EvalCommand.class,
            SweepCommand.class, RunsCommand.class, ReportCommand.class, BenchCommand.class, ProbeCommand.class,
            ReproCommand.class, ConfigCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (used by tests too). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr()));
        return cli.execute(args);
    }

    static int handle(Exception e, PrintWriter err) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BadInputException)
                && !(cause instanceof TrainingDivergedException)) {
            cause = cause.getCause();
        }
        if (cause instanceof BadInputException) {
            err.println("error: " + cause.getMessage());
            return 2;
        }
        if (cause instanceof TrainingDivergedException) {
            err.println("diverged: " + cause.getMessage());
            return 1;
        }
        if (System.getenv("LMLAB_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.println("internal error: " + e + " (set LMLAB_DEBUG=1 for the stack trace)");
        return 3;
    }
}
