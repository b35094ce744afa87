package org.lmlab.optim;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * Muon — MomentUm Orthogonalized by Newton–Schulz (Jordan et al. 2024, "Muon: An optimizer for hidden layers in
 * neural networks"), as applied in "Fantastic Pretraining Optimizers and Where to Find Them" (Wen et al. 2025):
 * <pre>
 *   buf_t = μ·buf_{t−1} + g_t           u_t = μ·buf_t + g_t            (Nesterov)
 *   θ_t   = θ_{t−1} − lr_t·(NS₅(u_t)·√max(1, rows/cols) + wd·θ_{t−1})
 * </pre>
 * for hidden weight matrices, per logical matrix of a fused weight ({@link OrthogonalizedMomentum}); embeddings,
 * head, gains and biases use {@link AdamW} at lr·ratio (β₁, β₂, ε and weight decay shared). State:
 * {@code momentum_buffer} for matrices, AdamW's moments for the rest.
 */
public final class Muon extends OrthogonalizedMomentum {
    private final double momentum;

    public Muon(Map<String, Parameter> params, double lr, double momentum, int nsSteps, double lrRatio, double beta1,
            double beta2, double eps, double weightDecay, double clipNorm) {
        super(params, lr, clipNorm, weightDecay, nsSteps, lrRatio,
                rest -> new AdamW(rest, lr * lrRatio, beta1, beta2, eps, weightDecay, 0));
        this.momentum = momentum;
    }

    @Override
    protected Tensor direction(Tensor buffer, Tensor g) {
        buffer.mul_(Tensors.s(momentum)).add_(g);
        return buffer.mul(Tensors.s(momentum)).add_(g);
    }
}
