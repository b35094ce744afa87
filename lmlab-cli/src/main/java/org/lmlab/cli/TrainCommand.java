package org.lmlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lmlab.config.Configs;
import org.lmlab.train.RunConfig;
import org.lmlab.train.TrainRun;
import org.lmlab.train.TrainSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "train", description = "Train from a YAML config with dotted key=value overrides, "
        + "e.g. lmlab train configs/demo.yaml model.d_model=128 optim.lr=1e-3")
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Config YAML.")
    Path config;

    @Parameters(index = "1..*", arity = "0..*", description = "Overrides key.path=value.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "Continue the run from its newest checkpoint.")
    boolean resume;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() {
        RunConfig c = Configs.load(config, overrides, RunConfig.class);
        List<String> argv = new ArrayList<>(List.of("lmlab", "train", config.toString()));
        argv.addAll(overrides);
        TrainSummary s = TrainRun.execute(c, runOptions.runs, resume, System.out, argv);
        System.out.printf("done: %s after %d steps; final train loss %.4f%s%nrun directory: %s%n", s.status(),
                s.steps(), s.finalTrainLoss(), s.finalEval() == null ? ""
                        : String.format(", val loss %.4f, accuracy %.4f", s.finalEval().loss(), s.finalEval().accuracy()),
                runOptions.runs.resolve(c.name()));
        return 0;
    }
}
