package org.lmlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lmlab.train.EvalResult;
import org.lmlab.train.Evaluator;
import org.lmlab.train.TrainRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", description = "Evaluate a run's newest checkpoint on its held-out set.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Run directory.")
    Path run;

    @Option(names = "--batches", defaultValue = "1000000", description = "At most this many held-out batches.")
    int batches;

    @Override
    public Integer call() {
        TrainRun.Built b = RunLoader.load(run, System.out);
        EvalResult r = Evaluator.evaluate(b.model(), b.task(), b.config().train().batchSize(), batches, b.device());
        System.out.printf("val loss %.4f  perplexity %.2f  accuracy %.4f  (%d scored tokens)%n", r.loss(),
                Math.exp(r.loss()), r.accuracy(), r.tokens());
        return 0;
    }
}
