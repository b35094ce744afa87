package org.lmlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lmlab.config.Configs;
import org.lmlab.train.RunConfig;
import org.lmlab.train.TrainRun;
import org.lmlab.train.TrainSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "demo", description = "Train a small language model on real text (about 2-3 minutes), sample "
        + "from it, and show where to look next.")
final class DemoCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "Overrides key.path=value for configs/demo.yaml.")
    List<String> overrides = List.of();

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() {
        Path config = Home.path("configs", "demo.yaml");
        RunConfig c = Configs.load(config, overrides, RunConfig.class);
        String name = c.name();
        for (int i = 2; Files.exists(runOptions.runs.resolve(name)); i++) {
            name = c.name() + "-" + i;
        }
        c = c.withName(name);
        Path run = runOptions.runs.resolve(name);
        System.out.println("lmlab demo: training a " + c.model().nLayers() + "-layer decoder on " + c.task().source()
                + " text for " + c.train().steps() + " steps (config " + config + ")");
        TrainSummary s = TrainRun.execute(c, runOptions.runs, false, System.out,
                List.of("lmlab", "demo", String.join(" ", overrides)));
        System.out.printf("%ntrained: final train loss %.3f, val loss %.3f (perplexity %.1f) in %.0fs%n",
                s.finalTrainLoss(), s.finalEval().loss(), Math.exp(s.finalEval().loss()), s.seconds());
        System.out.println();
        System.out.println(SampleCommand.sample(RunLoader.load(run, System.out), run, "The ", 80, 0.8, 40, 3, 0));
        System.out.println("where to look next:");
        System.out.println("  " + run + "/config.yaml, provenance.json, metrics.jsonl, summary.json, report.md + loss.png, checkpoints/");
        System.out.println("  ./lmlab sample " + run + " --prompt 'Love is' --tokens 100");
        System.out.println("  ./lmlab eval " + run);
        System.out.println("  ./lmlab train configs/demo.yaml name=bigger model.d_model=256 train.steps=1000");
        System.out.println("  ./lmlab config        (every key with its default)   ./lmlab bench train");
        return 0;
    }
}
