package org.lmlab.optim;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * NAdamW — Adam with Nesterov momentum (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), with
 * learning-rate-coupled weight decay as in "Fantastic Pretraining Optimizers and Where to Find Them" (Wen et al.
 * 2025) and optax's {@code scale_by_adam(nesterov=True)}:
 * <pre>
 *   m_t = β₁m_{t−1} + (1−β₁)g_t        v_t = β₂v_{t−1} + (1−β₂)g_t²
 *   m̂_t = β₁·m_t/(1−β₁^{t+1}) + (1−β₁)·g_t/(1−β₁ᵗ)
 *   θ_t = θ_{t−1} − lr_t·(m̂_t / (√(v_t/(1−β₂ᵗ)) + ε) + wd·θ_{t−1})
 * </pre>
 */
public final class NAdamW extends AdamFamily {
    public NAdamW(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            double clipNorm) {
        super(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
    }

    @Override
    Tensor direction(Parameter p, Tensor g, Tensor m, Tensor v, long t) {
        accumulate(m, v, g);
        Tensor nesterov = m.mul(Tensors.s(beta1 / (1 - Math.pow(beta1, t + 1))))
                .add_(g, Tensors.s((1 - beta1) / (1 - Math.pow(beta1, t))));
        return nesterov.div_(denominator(v, t));
    }
}
