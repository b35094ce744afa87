package org.lmlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lmlab bench attention}: PaTH's training-step time against softmax attention at L = 64..512. */
@Command(name = "attention", description = "PaTH vs softmax attention: ms per training step at L = 64..512.")
final class BenchAttentionCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "5", description = "Timed steps per point (after 2 warm-up steps).")
    int steps;

    @Override
    public Integer call() {
        return AttentionBench.run(steps);
    }
}
