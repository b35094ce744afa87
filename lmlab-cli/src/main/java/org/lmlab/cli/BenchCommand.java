package org.lmlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lmlab bench <what>}: benchmarks that print numbers (throughput, ratios against the PyTorch reference).
 * They live apart from the tests: tests assert behaviour, benchmarks measure it.
 */
@Command(name = "bench", description = "Benchmarks (throughput and ratios against PyTorch).",
        subcommands = {BenchTrainCommand.class, BenchOptimCommand.class, BenchHessianCommand.class,
            BenchAttentionCommand.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
