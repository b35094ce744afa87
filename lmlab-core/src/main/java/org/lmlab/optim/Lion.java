package org.lmlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * Lion — EvoLved Sign Momentum (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2),
 * with learning-rate-coupled weight decay as in "Fantastic Pretraining Optimizers and Where to Find Them":
 * <pre>
 *   u_t = sign((1−β₁)·g_t + β₁·m_{t−1})        m_t = β₂·m_{t−1} + (1−β₂)·g_t
 *   θ_t = θ_{t−1} − lr_t·(u_t + wd·θ_{t−1})
 * </pre>
 * State per parameter: {@code exp_avg} (m).
 */
public final class Lion extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double weightDecay;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();

    public Lion(Map<String, Parameter> params, double lr, double beta1, double beta2, double weightDecay,
            double clipNorm) {
        super(params, lr, clipNorm);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> expAvg.put(name, state(name + ".exp_avg", torch.zeros_like(p.tensor()))));
    }

    @Override
    protected void update(long t) {
        double lr = learningRate();
        forEachGradient((name, p, g) -> {
            Tensor m = expAvg.get(name);
            Tensor u = torch.lerp(m, g, Tensors.s(1 - beta1)).sign_();
            m.lerp_(g, Tensors.s(1 - beta2));
            descend(p, u, lr, weightDecay);
        });
    }
}
