package org.lmlab.optim;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * Cautious AdamW (Liang et al. 2024, "Cautious Optimizers: Improving Training with One Line of Code", Algorithm 1):
 * Adam's update u is masked where it disagrees in sign with the gradient and rescaled to keep its average size,
 * <pre>
 *   u_t = (m_t/(1−β₁ᵗ)) / (√(v_t/(1−β₂ᵗ)) + ε)        M = 1[u_t ⊙ g_t &gt; 0]
 *   θ_t = θ_{t−1} − lr_t·(u_t ⊙ M / (mean(M) + ε) + wd·θ_{t−1})
 * </pre>
 * with mean(M) taken per weight matrix — per logical matrix of a fused weight ({@link org.lmlab.nn.RowBlock}), as
 * the reference's separate q, k, v tensors.
 */
public final class Cautious extends AdamFamily {
    public Cautious(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps,
            double weightDecay, double clipNorm) {
        super(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
    }

    @Override
    Tensor direction(Parameter p, Tensor g, Tensor m, Tensor v, long t) {
        Tensor u = adam(g, m, v, t);
        Tensor mask = u.mul(g).gt(Tensors.s(0.0)).to(u.scalar_type());
        List<Tensor> masks = RowBlocks.views(p, mask);
        List<Tensor> updates = RowBlocks.views(p, u);
        for (int i = 0; i < masks.size(); i++) {
            Tensor mb = masks.get(i);
            updates.get(i).mul_(mb).div_(mb.mean().add_(Tensors.s(eps)));
        }
        return u;
    }
}
