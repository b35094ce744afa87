package org.lmlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.model.Decoder;
import org.lmlab.probe.hessian.EigenPairs;
import org.lmlab.probe.hessian.GradientAlignment;
import org.lmlab.probe.hessian.HessianOperator;
import org.lmlab.probe.hessian.Hutchinson;
import org.lmlab.probe.hessian.Lanczos;
import org.lmlab.probe.hessian.PowerIteration;
import org.lmlab.task.Batch;
import org.lmlab.train.TrainRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lmlab probe hessian <run>}: the Hessian of the held-out loss at the run's newest checkpoint, on its first
 * evaluation batches — λ_max by power iteration, the top-k by Lanczos, the trace by Hutchinson, and the
 * gradient–top-eigenvector alignment. Every product is an exact Hessian-vector product (double backward).
 */
@Command(name = "hessian", description = "λ_max, top-k eigenvalues and trace of the loss Hessian of a run.")
final class HessianProbeCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Run directory.")
    Path run;

    @Option(names = "--batches", defaultValue = "1", description = "Evaluation batches the loss averages over.")
    int batches;

    @Option(names = "--batch-size", defaultValue = "16", description = "Sequences per evaluation batch.")
    int batchSize;

    @Option(names = "--k", defaultValue = "5", description = "How many top eigenvalues Lanczos reports.")
    int k;

    @Option(names = "--lanczos-steps", defaultValue = "20", description = "Lanczos iterations (>= k).")
    int lanczosSteps;

    @Option(names = "--power-iters", defaultValue = "50", description = "Maximum power iterations.")
    int powerIters;

    @Option(names = "--samples", defaultValue = "20", description = "Hutchinson probe vectors.")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the probe vectors.")
    long seed;

    @Override
    public Integer call() {
        if (k < 1 || lanczosSteps < k || batches < 1 || batchSize < 1 || samples < 1 || powerIters < 1) {
            throw new org.lmlab.config.BadInputException("need 1 <= k <= lanczos-steps and positive batches, "
                    + "batch-size, samples, power-iters");
        }
        TrainRun.Built b = RunLoader.load(run, System.out);
        Decoder model = b.model();
        long t0 = System.nanoTime();
        try (PointerScope scope = new PointerScope()) {
            List<Supplier<Tensor>> losses = new ArrayList<>();
            for (Batch batch : b.task().evalBatches(batchSize, batches)) {
                Tensor ids = batch.inputs().to(b.device(), batch.inputs().scalar_type());
                Tensor targets = batch.targets().to(b.device(), batch.targets().scalar_type());
                losses.add(() -> model.loss(ids, targets));
            }
            HessianOperator h = HessianOperator.of(model.parameters(), losses);
            Tensor g = h.gradient();
            System.out.printf(Locale.ROOT, "Hessian of the held-out loss on %d batch(es) of %d: D = %d parameters; "
                    + "loss %.4f, gradient norm %.4g%n", losses.size(), batchSize, h.dim(), h.loss(),
                    g.norm().item_double());
            EigenPairs power = PowerIteration.top(h, powerIters, 1e-3, seed);
            System.out.printf(Locale.ROOT, "lambda_max (power iteration, %d products): %.6g   [%.1f s]%n",
                    power.iterations(), power.top(), secs(t0));
            EigenPairs top = Lanczos.top(h, k, lanczosSteps, seed);
            StringBuilder vals = new StringBuilder();
            for (double v : top.values()) {
                vals.append(String.format(Locale.ROOT, " %.6g", v));
            }
            System.out.printf(Locale.ROOT, "top-%d (Lanczos, %d steps):%s   [%.1f s]%n", top.values().length,
                    top.iterations(), vals, secs(t0));
            Hutchinson tr = Hutchinson.estimate(h, samples, seed);
            System.out.printf(Locale.ROOT, "trace (Hutchinson, %d probes): %.6g ± %.2g   [%.1f s]%n", samples,
                    tr.trace(), tr.stdError(), secs(t0));
            System.out.printf(Locale.ROOT, "|cos(grad, v1)| = %.4f%n", GradientAlignment.cosine(g, top.vector(0)));
        }
        return 0;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
