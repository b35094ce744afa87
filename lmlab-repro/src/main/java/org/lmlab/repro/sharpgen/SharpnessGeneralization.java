package org.lmlab.repro.sharpgen;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.lmlab.probe.hessian.ExactHessian;
import org.lmlab.probe.hessian.HessianOperator;
import org.lmlab.report.Plot;
import org.lmlab.repro.Criterion;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Reproduction;
import org.lmlab.repro.Verdict;
import org.lmlab.tensor.Rng;

/**
 * "Sharpness Minimization Algorithms Do Not Only Minimize Sharpness to Achieve Better Generalization" (Wen, Li, Ma
 * 2023), shrunk: two-layer ReLU networks ({@link TwoLayerRelu}) on y = x₁x₂ over {±1}^d. With biases, stochastic 1-SAM
 * drives the trace of the Hessian to near its minimum over interpolators, 2√(d+1), and generalizes; SGD interpolates
 * at a much larger trace; a hand-built memorizer ({@link Memorizer}) attains the minimal trace exactly yet has test
 * MSE 1 — flattest is not enough, and 1-SAM still finds a generalizing flat solution. Without biases (the no-bias
 * variant, minimum 2√d) 1-SAM again finds a flat (Tr ≈ 1.5× the minimum in this budget, SGD ≈ 3.5×) generalizing
 * interpolator.
 *
 * <p>Shrunk from the brief's d = 30, n = 300, width 400, 200k steps to d = 12, n = 100, width 128 and 30k steps per
 * run (10k in the quick version), η = 0.02, ρ = 0.05, batch size 1, small initialization (scale 0.3).
 */
public final class SharpnessGeneralization implements Reproduction {
    static final int D = 12;
    static final int N = 100;
    static final int WIDTH = 128;
    static final double ETA = 0.02;
    static final double RHO = 0.05;
    static final double INIT = 0.3;

    @Override
    public String name() {
        return "sharpness-generalization";
    }

    @Override
    public String paper() {
        return "Sharpness Minimization Algorithms Do Not Only Minimize Sharpness";
    }

    @Override
    public Verdict run(ReproContext ctx) throws Exception {
        long steps = ctx.quick() ? 10_000 : 30_000;
        double nearMin = ctx.quick() ? 1.4 : 1.15;
        ProductTask task = new ProductTask(D, N, 1000, Rng.mix(ctx.seed(), 3));
        long seed = Rng.mix(ctx.seed(), 5);
        ctx.log("y = x1*x2 on {±1}^%d: n = %d, width %d, eta %.2f, rho %.2f, %d steps per run, batch 1", D, N, WIDTH,
                ETA, RHO, steps);
        Training.Outcome sam = Training.run(ctx, "1-SAM", task, setup(true, RHO, steps), seed);
        Training.Outcome sgd = Training.run(ctx, "SGD", task, setup(true, 0, steps), seed);
        TwoLayerRelu memo = new TwoLayerRelu(D, WIDTH, true, INIT);
        Memorizer.build(memo, task);
        Training.Outcome mem = Training.outcome("memorizer", memo, task, List.of());
        double traceCheck = exactTraceError(ctx, task, seed);
        Training.Outcome samNb = Training.run(ctx, "1-SAM no-bias", task, setup(false, RHO, steps), seed);
        Training.Outcome sgdNb = ctx.quick() ? null : Training.run(ctx, "SGD no-bias", task, setup(false, 0, steps), seed);
        List<Training.Outcome> all = new ArrayList<>(List.of(sam, sgd, mem, samNb));
        if (sgdNb != null) {
            all.add(sgdNb);
        }
        report(ctx, all, steps);
        double worstTrain = 0;
        for (Training.Outcome o : all) {
            worstTrain = Math.max(worstTrain, o.trainLoss());
        }
        List<Criterion> cs = new ArrayList<>(List.of(
                Criterion.atMost("1-SAM: Tr / 2√(d+1) (near-minimal)", sam.traceRatio(), nearMin),
                Criterion.atMost("1-SAM: test MSE (generalizes)", sam.testMse(), 0.01),
                Criterion.atLeast("SGD: Tr / 2√(d+1) (sharper)", sgd.traceRatio(), 2),
                Criterion.atMost("memorizer: Tr / 2√(d+1) (flattest)", mem.traceRatio(), 1 + 1e-9),
                Criterion.atLeast("memorizer: test MSE (does not generalize)", mem.testMse(), 0.99),
                Criterion.atMost("every model interpolates: worst train MSE", worstTrain, 1e-3),
                Criterion.atMost("closed-form Tr vs exact Hessian: rel. error", traceCheck, 1e-6),
                // Without biases 1-SAM approaches the minimum more slowly (≈ 1.5 after 20k steps): judged well below
                // SGD's ≈ 3.5 rather than at the minimum.
                Criterion.atMost("no bias, 1-SAM: Tr / 2√d (flat)", samNb.traceRatio(), 2),
                Criterion.atMost("no bias, 1-SAM: test MSE (generalizes)", samNb.testMse(), 0.01)));
        if (sgdNb != null) {
            cs.add(Criterion.atLeast("no bias, SGD: Tr / 2√d (sharper)", sgdNb.traceRatio(), 2));
        }
        return new Verdict(cs);
    }

    private static Training.Setup setup(boolean bias, double rho, long steps) {
        return new Training.Setup(D, N, WIDTH, bias, ETA, rho, steps, INIT);
    }

    /**
     * The closed-form trace against the library's exact Hessian (one product per parameter, ≈ 1.8k) at the
     * initialization, where the residuals are far from zero: the relative error. Guards the trace every criterion
     * relies on, including the claim that the residual term adds nothing to it.
     */
    private static double exactTraceError(ReproContext ctx, ProductTask task, long seed) {
        Rng.seed(seed);
        TwoLayerRelu net = new TwoLayerRelu(D, WIDTH, true, INIT);
        try (PointerScope scope = new PointerScope()) {
            double closed = net.gaussNewtonTrace(task.trainX);
            double exact = ExactHessian.of(HessianOperator.of(net.parameters(),
                    List.of(() -> net.loss(task.trainX, task.trainY)))).trace();
            ctx.log("trace at initialization: closed form %.6f, exact Hessian %.6f", closed, exact);
            return Math.abs(closed - exact) / Math.abs(exact);
        }
    }

    private void report(ReproContext ctx, List<Training.Outcome> all, long steps) throws Exception {
        Plot trace = Plot.lines("Tr ∇²L / (minimum over interpolators) during training", "step", "Tr / min").logY();
        Plot test = Plot.lines("test MSE during training", "step", "test MSE").logY();
        List<List<String>> rows = new ArrayList<>();
        for (Training.Outcome o : all) {
            if (o.at().length > 0) {
                double[] ratio = o.traceCurve().clone();
                for (int i = 0; i < ratio.length; i++) {
                    ratio[i] /= o.minTrace();
                }
                trace.series(o.name(), o.at(), ratio);
                test.series(o.name(), o.at(), o.testCurve());
            }
            rows.add(List.of(o.name(), Criterion.format(o.trainLoss()), Criterion.format(o.testMse()),
                    Criterion.format(o.trace()), Criterion.format(o.minTrace()), Criterion.format(o.traceRatio())));
        }
        trace.save(ctx.dir().resolve("trace.png"));
        test.save(ctx.dir().resolve("test-mse.png"));
        ctx.report()
                .paragraph("Two-layer ReLU networks f(x) = Σ aⱼ relu(wⱼ·x + bⱼ) on y = x₁x₂, x ∈ {±1}^" + D + ", n = " + N
                        + " distinct training points, 1000 held-out points (none in the training set), width " + WIDTH
                        + ", loss (1/n)Σ½(f − y)², batch size 1, η = " + ETA + ", ρ = " + RHO + ", " + steps
                        + " steps per trained run. Shrunk from the paper's d = 30, n = 300, width 400, 200k steps. "
                        + "Tr is the exact Hessian trace (1/n)Σ‖∇θ f(xᵢ)‖² in closed form (checked against the "
                        + "library's exact Hessian); the minimum over interpolators is 2√(d+1) with bias, 2√d without.")
                .table(List.of("model", "train MSE", "test MSE", "Tr ∇²L", "min Tr", "Tr / min"), rows)
                .image("trace", "trace.png")
                .image("test MSE", "test-mse.png");
    }
}
