package org.lmlab.repro.sharpgen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.optim.LossClosure;
import org.lmlab.optim.Optimizer;
import org.lmlab.optim.Sam;
import org.lmlab.optim.Sgd;
import org.lmlab.repro.ReproContext;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Trains a {@link TwoLayerRelu} on a {@link ProductTask} with batch size 1 — SGD, or stochastic 1-SAM (the library's
 * {@link Sam} around {@link Sgd}: one normalized ascent on the drawn sample's loss, then the step) — and records the
 * trace and test MSE along the way.
 */
final class Training {
    private Training() {}

    /** Settings of one run. */
    record Setup(int d, int n, int width, boolean bias, double eta, double rho, long steps, double initScale) {}

    /** A trained (or built) network's numbers and its curves. */
    record Outcome(String name, double trainLoss, double testMse, double trace, double minTrace, double[] at,
            double[] traceCurve, double[] testCurve) {
        double traceRatio() {
            return trace / minTrace;
        }
    }

    static double minTrace(TwoLayerRelu net) {
        return 2 * Math.sqrt(net.d + (net.bias ? 1 : 0));
    }

    /** ρ = 0 means plain SGD. */
    static Outcome run(ReproContext ctx, String name, ProductTask task, Setup s, long seed) {
        Rng.seed(seed);
        TwoLayerRelu net = new TwoLayerRelu(s.d(), s.width(), s.bias(), s.initScale());
        Optimizer base = new Sgd(net.namedParameters(), s.eta(), 0, 0);
        Optimizer opt = s.rho() > 0 ? new Sam(base, Sam.Variant.ONE_SAM, s.rho()) : base;
        SplittableRandom rng = new SplittableRandom(Rng.mix(seed, 7));
        List<double[]> curve = new ArrayList<>();
        long logEvery = Math.max(1, s.steps() / 20);
        for (long t = 0; t < s.steps(); t++) {
            try (PointerScope scope = new PointerScope()) {
                int i = rng.nextInt(task.n());
                Tensor xi = Tensors.slice(task.trainX, 0, i, i + 1);
                Tensor yi = Tensors.slice(task.trainY, 0, i, i + 1);
                opt.step(LossClosure.perSample(1, () -> backward(net.loss(xi, yi)), k -> backward(net.loss(xi, yi))));
                if ((t + 1) % logEvery == 0) {
                    double train = net.mse(task.trainX, task.trainY);
                    double test = net.mse(task.testX, task.testY);
                    double tr = net.gaussNewtonTrace(task.trainX);
                    curve.add(new double[] {t + 1, tr, test});
                    if ((t + 1) % (logEvery * 5) == 0) {
                        ctx.log("%-12s step %7d: train MSE %.2e, test MSE %.4f, Tr/min %.3f", name, t + 1, train, test,
                                tr / minTrace(net));
                    }
                }
            }
        }
        return outcome(name, net, task, curve);
    }

    static Outcome outcome(String name, TwoLayerRelu net, ProductTask task, List<double[]> curve) {
        try (PointerScope scope = new PointerScope()) {
            double[] at = new double[curve.size()];
            double[] tr = new double[curve.size()];
            double[] te = new double[curve.size()];
            for (int k = 0; k < curve.size(); k++) {
                at[k] = curve.get(k)[0];
                tr[k] = curve.get(k)[1];
                te[k] = curve.get(k)[2];
            }
            return new Outcome(name, net.mse(task.trainX, task.trainY), net.mse(task.testX, task.testY),
                    net.gaussNewtonTrace(task.trainX), minTrace(net), at, tr, te);
        }
    }

    private static Tensor backward(Tensor loss) {
        loss.backward();
        return loss;
    }
}
