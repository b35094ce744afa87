package org.lmlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

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
public final class AdamW extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();

    public AdamW(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps,
            double weightDecay, double clipNorm) {
        super(params, lr, clipNorm);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> {
            expAvg.put(name, torch.zeros_like(p.tensor()));
            expAvgSq.put(name, torch.zeros_like(p.tensor()));
        });
    }

    /** Whether decoupled-from-gradient weight decay applies to a parameter of this role. */
    public static boolean decays(Role role) {
        return role == Role.MATRIX || role == Role.HEAD;
    }

    @Override
    protected void update(long t) {
        double lr = learningRate();
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            Tensor g = p.grad();
            if (!g.defined()) {
                continue;
            }
            Tensor theta = p.tensor();
            Tensor m = expAvg.get(e.getKey());
            Tensor v = expAvgSq.get(e.getKey());
            m.lerp_(g, Tensors.s(1 - beta1));
            v.mul_(Tensors.s(beta2)).addcmul_(g, g, Tensors.s(1 - beta2));
            Tensor denom = v.sqrt().div_(Tensors.s(Math.sqrt(bc2))).add_(Tensors.s(eps));
            if (weightDecay != 0 && decays(p.role())) {
                theta.mul_(Tensors.s(1 - lr * weightDecay));
            }
            theta.addcdiv_(m, denom, Tensors.s(-lr / bc1));
        }
    }

    @Override
    protected Map<String, Tensor> liveState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        expAvg.forEach((k, v) -> out.put(k + ".exp_avg", v));
        expAvgSq.forEach((k, v) -> out.put(k + ".exp_avg_sq", v));
        return out;
    }
}
