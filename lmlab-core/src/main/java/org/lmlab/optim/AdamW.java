package org.lmlab.optim;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;

/**
 * AdamW (Loshchilov &amp; Hutter 2019) with learning-rate-coupled weight decay, as in the reference of
 * "Fantastic Pretraining Optimizers and Where to Find Them" (Wen et al. 2025):
 * <pre>
 *   m_t = β₁ m_{t−1} + (1−β₁) g_t          v_t = β₂ v_{t−1} + (1−β₂) g_t²
 *   u_t = (m_t / (1−β₁ᵗ)) / (√(v_t / (1−β₂ᵗ)) + ε)
 *   θ_t = θ_{t−1} − lr_t · (u_t + wd · θ_{t−1})
 * </pre>
 * Weight decay applies to {@link Role#MATRIX} and {@link Role#HEAD} parameters only (never to gains, biases or
 * embeddings). State per parameter: {@code exp_avg} (m) and {@code exp_avg_sq} (v), named as in PyTorch.
 */
public final class AdamW extends AdamFamily {
    public AdamW(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps,
            double weightDecay, double clipNorm) {
        super(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
    }

    /** Whether decoupled-from-gradient weight decay applies to a parameter of this role. */
    public static boolean decays(Role role) {
        return role == Role.MATRIX || role == Role.HEAD;
    }

    @Override
    Tensor direction(Parameter p, Tensor g, Tensor m, Tensor v, long t) {
        return adam(g, m, v, t);
    }
}
