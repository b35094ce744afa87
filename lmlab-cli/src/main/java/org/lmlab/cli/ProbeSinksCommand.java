package org.lmlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.probe.sinks.BosAblation;
import org.lmlab.probe.sinks.SinkProbe;
import org.lmlab.probe.sinks.SinkStats;
import org.lmlab.task.Batch;
import org.lmlab.task.BigramBackcopy;
import org.lmlab.train.TrainRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lmlab probe sinks <run>}: attention-sink measures of a trained run on its held-out batches — per layer and
 * head the first-token attention mass and its excess over uniform, the sink's contribution ‖p_s v_s‖/‖o‖, value
 * drain, dormant/active output norms, learnable-sink weight and gate scores; the largest residual activation and the
 * stripe score; and what the first-token weight is worth ({@link BosAblation}: the loss with it removed). On
 * bigram-backcopy the trigger positions are the active queries; elsewhere every query counts as
 * dormant.
 */
@Command(name = "sinks", description = "Attention-sink measures (BOS mass, contribution, massive activations, gates).")
final class ProbeSinksCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Run directory.")
    Path run;

    @Option(names = "--batches", defaultValue = "8", description = "Held-out batches to measure on.")
    int batches;

    @Override
    public Integer call() {
        TrainRun.Built b = RunLoader.load(run, System.out);
        Function<Tensor, Tensor> active = b.task() instanceof BigramBackcopy bb ? bb::triggerMask : null;
        List<Batch> held = b.task().evalBatches(b.config().train().batchSize(), batches);
        SinkStats s = SinkProbe.measure(b.model(), held, active, b.device());
        System.out.print(s.table());
        // Whether the first-token weight is in use: a sink is a no-op the loss depends on; inert weight costs nothing.
        BosAblation.Result r = BosAblation.measure(b.model(), held, active, b.device());
        System.out.printf(java.util.Locale.ROOT, "first-token weight removed (dormant queries, every layer): "
                + "loss %.4f -> %.4f (%+.4f over %d positions)%n", r.loss(), r.ablatedLoss(), r.increase(), r.positions());
        double[] h = s.gateHistogram();
        if (!Double.isNaN(h[0])) {
            StringBuilder line = new StringBuilder("gate-score histogram over [0, 1] in tenths:");
            for (double v : h) {
                line.append(String.format(java.util.Locale.ROOT, " %.3f", v));
            }
            System.out.println(line);
        }
        return 0;
    }
}
