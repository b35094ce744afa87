package org.lmlab.repro.sharpgen;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * f(x) = Σⱼ aⱼ · relu(wⱼ·x + bⱼ), width m, input x ∈ {±1}^d, float64 — the network of "Sharpness Minimization
 * Algorithms Do Not Only Minimize Sharpness to Achieve Better Generalization" (Wen, Li, Ma 2023), with or without the
 * hidden biases bⱼ. Loss L = (1/n) Σᵢ ½ (f(xᵢ) − yᵢ)², so that at an interpolator
 * Tr ∇²L = (1/n) Σᵢ ‖∇_θ f(xᵢ)‖² (the residual term has zero trace for ReLU), and
 * ‖∇_θ f(x)‖² = Σⱼ relu(zⱼ)² + aⱼ² (‖x‖² + 1[bias]) 1[zⱼ &gt; 0] with zⱼ = wⱼ·x + bⱼ. By AM–GM each active neuron
 * contributes ≥ 2|aⱼ relu(zⱼ)| √(d + 1[bias]), so every interpolator of ±1 labels has Tr ≥ 2√(d+1) (2√d without bias).
 */
final class TwoLayerRelu extends Module {
    final int d;
    final int width;
    final boolean bias;
    final Parameter w;
    final Parameter b;
    final Parameter a;

    /** Random initialization (draws from libtorch's default generator: seed it first): w ∼ N(0, 1/d), a ∼ N(0, 1/m). */
    TwoLayerRelu(int d, int width, boolean bias, double initScale) {
        this.d = d;
        this.width = width;
        this.bias = bias;
        Tensor w0 = torch.randn(new long[] {width, d}, Tensors.options(torch.ScalarType.Double))
                .mul_(Tensors.s(initScale / Math.sqrt(d)));
        Tensor a0 = torch.randn(new long[] {1, width}, Tensors.options(torch.ScalarType.Double))
                .mul_(Tensors.s(initScale / Math.sqrt(width)));
        this.w = parameter("w", w0, Role.MATRIX);
        this.b = bias ? parameter("b", torch.zeros(new long[] {width}, Tensors.options(torch.ScalarType.Double)),
                Role.BIAS) : null;
        this.a = parameter("a", a0, Role.MATRIX);
    }

    /** x [n, d] → f [n]. */
    Tensor forward(Tensor x) {
        return torch.linear(hidden(x), a.tensor()).squeeze(1);
    }

    Tensor preActivation(Tensor x) {
        return b == null ? torch.linear(x, w.tensor()) : torch.linear(x, w.tensor(), new TensorOptional(b.tensor()));
    }

    private Tensor hidden(Tensor x) {
        return torch.relu(preActivation(x));
    }

    /** L = (1/n) Σ ½ (f(x) − y)². */
    Tensor loss(Tensor x, Tensor y) {
        Tensor r = forward(x).sub(y);
        return r.mul(r).mean().mul(Tensors.s(0.5));
    }

    /** Plain mean squared error (f − y)², no ½ — what "test MSE" means. */
    double mse(Tensor x, Tensor y) {
        try (NoGrad g = NoGrad.enter()) {
            Tensor r = forward(x).sub(y);
            return r.mul(r).mean().item_double();
        }
    }

    /** (1/n) Σᵢ ‖∇_θ f(xᵢ)‖² in closed form: the Hessian trace at an interpolator (the Gauss–Newton trace anywhere). */
    double gaussNewtonTrace(Tensor x) {
        try (NoGrad g = NoGrad.enter()) {
            Tensor z = preActivation(x);
            Tensor h = torch.relu(z);
            Tensor active = z.gt(Tensors.s(0.0)).to(torch.ScalarType.Double);
            Tensor a2 = a.tensor().squeeze(0).pow(Tensors.s(2.0));
            Tensor xNorm = x.pow(Tensors.s(2.0)).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                    .add(Tensors.s(bias ? 1.0 : 0.0));
            Tensor perSample = h.pow(Tensors.s(2.0)).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                    .add(active.matmul(a2).mul(xNorm));
            return perSample.mean().item_double();
        }
    }

    /** Overwrites the weights (e.g. with a hand-built solution); shapes must match. */
    void set(Tensor w0, Tensor b0, Tensor a0) {
        try (NoGrad g = NoGrad.enter()) {
            w.tensor().copy_(w0);
            if (b != null) {
                b.tensor().copy_(b0);
            }
            a.tensor().copy_(a0);
        }
    }
}
