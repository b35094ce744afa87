package org.lmlab.repro.samsharpness;

import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.optim.LossClosure;
import org.lmlab.probe.hessian.EigenPairs;
import org.lmlab.probe.hessian.ExactHessian;
import org.lmlab.probe.hessian.GradientAlignment;
import org.lmlab.probe.hessian.HessianOperator;
import org.lmlab.tensor.Tensors;

/**
 * The calibrated toy of "How Does Sharpness-Aware Minimization Minimize Sharpness?" (brief, §SAM): parameters
 * θ = (x₁, x₂, y) in float64, two samples with losses
 * <pre>
 *   L₁ = a(y)·x₁²,  L₂ = b(y)·x₂²,  a(y) = 4 + (y−1)²,  b(y) = 0.5 + 0.5·(y+1)²,  L = (L₁ + L₂)/2.
 * </pre>
 * The zero-loss manifold is x₁ = x₂ = 0 with Hessian diag(a, b, 0): λ_max = max(a, b) is minimized at y = 1 and
 * the trace a + b at y = 1/3 — so where y drifts tells which sharpness an optimizer minimizes.
 */
final class ToyValley extends Module {
    final Parameter theta;

    ToyValley(double x1, double x2, double y) {
        theta = parameter("theta", Tensors.doubles(new double[] {x1, x2, y}, 3), Role.MATRIX);
    }

    /** Lₖ for sample k ∈ {0, 1}. */
    Tensor sampleLoss(int k) {
        Tensor t = theta.tensor();
        Tensor y = t.select(0, 2);
        if (k == 0) {
            Tensor x1 = t.select(0, 0);
            Tensor ym1 = y.sub(Tensors.s(1.0));
            return ym1.mul(ym1).add(Tensors.s(4.0)).mul(x1).mul(x1);
        }
        Tensor x2 = t.select(0, 1);
        Tensor yp1 = y.add(Tensors.s(1.0));
        return yp1.mul(yp1).mul(Tensors.s(0.5)).add(Tensors.s(0.5)).mul(x2).mul(x2);
    }

    /** L = (L₁ + L₂)/2. */
    Tensor loss() {
        return sampleLoss(0).add(sampleLoss(1)).div(Tensors.s(2.0));
    }

    /** Full batch: both samples, per-sample losses available (1-SAM over the batch of two). */
    LossClosure fullBatch() {
        return LossClosure.perSample(2, () -> backward(loss()), i -> backward(sampleLoss(i)));
    }

    /** One sample drawn uniformly — the stochastic 1-SAM step of the paper: SAM on that sample's loss alone. */
    LossClosure oneSample(SplittableRandom rng) {
        int k = rng.nextInt(2);
        return LossClosure.perSample(1, () -> backward(sampleLoss(k)), i -> backward(sampleLoss(k)));
    }

    double[] values() {
        return Tensors.toDoubles(theta.tensor());
    }

    /** |cos(∇L, v₁)| with v₁ the top eigenvector of the exact 3 × 3 Hessian of L at θ. */
    double alignment() {
        HessianOperator h = HessianOperator.of(List.of(theta), List.of(this::loss));
        EigenPairs eig = ExactHessian.of(h).eigen();
        return GradientAlignment.cosine(h.gradient(), eig.vector(0));
    }

    private static Tensor backward(Tensor loss) {
        loss.backward();
        return loss;
    }
}
