package org.lmlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lmlab.config.Configs;
import org.lmlab.sweep.Executor;
import org.lmlab.sweep.InProcessExecutor;
import org.lmlab.sweep.LocalExecutor;
import org.lmlab.sweep.Sweep;
import org.lmlab.sweep.SweepSpec;
import org.lmlab.sweep.TrialResult;
import org.lmlab.tensor.Torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lmlab sweep <sweep.yaml> [overrides] [--parallel N]}: runs (or resumes) a sweep under
 * {@code <runs>/sweeps/<name>/}; prints each trial as it finishes and the best and approximately optimal trials.
 */
@Command(name = "sweep", description = "Run or resume a sweep (grid, random, coordinate descent).")
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Sweep YAML.")
    Path spec;

    @Parameters(index = "1..*", arity = "0..*", description = "Overrides of the sweep spec, key=value.")
    java.util.List<String> overrides = new java.util.ArrayList<>();

    @Option(names = "--parallel", defaultValue = "1",
            description = "Trials at once, each a child process (default: ${DEFAULT-VALUE}; 1 runs in this JVM).")
    int parallel;

    @Option(names = "--threads-per-trial", defaultValue = "0",
            description = "libtorch threads per trial (default: physical cores / parallel).")
    int threadsPerTrial;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() {
        SweepSpec s = Configs.load(spec, overrides, SweepSpec.class);
        Torch.init();
        int threads = threadsPerTrial > 0 ? threadsPerTrial : Math.max(1, Torch.physicalCores() / parallel);
        Sweep.Outcome o;
        try (Executor ex = parallel == 1 && threadsPerTrial == 0 ? new InProcessExecutor()
                : new LocalExecutor(parallel, threads)) {
            o = Sweep.run(s, spec, runOptions.runs, ex, System.out);
        }
        long ok = o.results().stream().filter(TrialResult::completed).count();
        System.out.printf("%nsweep %s: %d trials, %d completed, %d diverged or failed%n", s.name(), o.results().size(),
                ok, o.results().size() - ok);
        if (o.best() != null) {
            System.out.printf("best: %s  %s %.4f%napproximately optimal (within %.3g): %d trials%n", o.best().params(),
                    s.metric().name().toLowerCase(), o.best().metric(), s.tolerance(), o.nearBest().size());
        }
        System.out.println("results: " + o.dir().resolve("sweep.json") + "; query with: ./lmlab runs \"select * from "
                + "trials order by metric\"");
        return 0;
    }
}
