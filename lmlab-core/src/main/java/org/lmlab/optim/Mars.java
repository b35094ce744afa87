package org.lmlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * MARS — Make vAriance Reduction Shine (Yuan et al. 2024, "MARS: Unleashing the Power of Variance Reduction for
 * Training Large Models", Algorithm 2, the approximate AdamW form), as in "Fantastic Pretraining Optimizers and
 * Where to Find Them":
 * <pre>
 *   c_t = g_t + γ·β₁/(1−β₁)·(g_t − g_{t−1})          (g₀ = 0)
 *   c_t ← c_t · min(1, C / (‖c‖₂ + 1e-6))             (‖c‖ over all parameters, C = clip norm)
 *   m_t = β₁m_{t−1} + (1−β₁)c_t        v_t = β₂v_{t−1} + (1−β₂)c_t²
 *   θ_t = θ_{t−1} − lr_t·((m_t/(1−β₁ᵗ)) / (√(v_t/(1−β₂ᵗ)) + ε) + wd·θ_{t−1})
 * </pre>
 * The clip applies to c, not to g — so, as in the reference, the raw gradient is not clipped first (the gradient
 * norm is still measured and reported). State: {@code exp_avg}, {@code exp_avg_sq}, {@code last_grad}.
 */
public final class Mars extends AdamFamily {
    private final double gamma;
    private final double clipC;
    private final Map<String, Tensor> lastGrad = new LinkedHashMap<>();
    private final Map<Parameter, Tensor> corrected = new LinkedHashMap<>();

    public Mars(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double gamma,
            double weightDecay, double clipNorm) {
        super(params, lr, beta1, beta2, eps, weightDecay, 0);
        this.gamma = gamma;
        this.clipC = clipNorm;
        params.forEach((name, p) -> lastGrad.put(name, state(name + ".last_grad", torch.zeros_like(p.tensor()))));
    }

    @Override
    void prepare(long t) {
        corrected.clear();
        Tensor sumSq = null;
        for (Map.Entry<String, Tensor> e : lastGrad.entrySet()) {
            Parameter p = params.get(e.getKey());
            Tensor g = p.grad();
            if (!g.defined()) {
                continue;
            }
            Tensor c = g.sub(e.getValue()).mul_(Tensors.s(gamma * beta1 / (1 - beta1))).add_(g);
            e.getValue().copy_(g);
            corrected.put(p, c);
            Tensor sq = c.square().sum();
            sumSq = sumSq == null ? sq : sumSq.add_(sq);
        }
        if (clipC > 0 && sumSq != null) {
            // min(1, C/(‖c‖+1e-6)) as a tensor: no host sync.
            Tensor scale = sumSq.sqrt_().add_(Tensors.s(1e-6)).reciprocal_().mul_(Tensors.s(clipC))
                    .clamp_max_(Tensors.s(1.0));
            corrected.values().forEach(c -> c.mul_(scale));
        }
    }

    @Override
    Tensor direction(Parameter p, Tensor g, Tensor m, Tensor v, long t) {
        return adam(corrected.remove(p), m, v, t);
    }
}
