package org.lmlab.optim;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * Scion (Pethick et al. 2025, "Training Deep Learning Models with Norm-Constrained LMOs"), as applied in "Fantastic
 * Pretraining Optimizers and Where to Find Them" (Wen et al. 2025): an exponential moving average of the gradient,
 * no Nesterov, orthogonalized by Newton–Schulz (10 steps by default):
 * <pre>
 *   m_t = μ·m_{t−1} + (1−μ)·g_t
 *   θ_t = θ_{t−1} − lr_t·(NS_n(m_t)·√max(1, rows/cols) + wd·θ_{t−1})
 * </pre>
 * for hidden weight matrices ({@link OrthogonalizedMomentum}); embeddings, head, gains and biases use
 * {@link Signum} with momentum β₁ at lr·ratio. State: {@code momentum_buffer} for every parameter.
 */
public final class Scion extends OrthogonalizedMomentum {
    private final double momentum;

    public Scion(Map<String, Parameter> params, double lr, double momentum, int nsSteps, double lrRatio, double beta1,
            double weightDecay, double clipNorm) {
        super(params, lr, clipNorm, weightDecay, nsSteps, lrRatio,
                rest -> new Signum(rest, lr * lrRatio, beta1, weightDecay, 0));
        this.momentum = momentum;
    }

    @Override
    protected Tensor direction(Tensor buffer, Tensor g) {
        return buffer.lerp_(g, Tensors.s(1 - momentum));
    }
}
