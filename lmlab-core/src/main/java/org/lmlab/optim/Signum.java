package org.lmlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * Signum — sign descent with momentum (Bernstein et al. 2018, "signSGD: Compressed Optimisation for Non-Convex
 * Problems", §3), Scion's companion for non-matrix parameters:
 * <pre>
 *   m_t = β·m_{t−1} + (1−β)·g_t        θ_t = θ_{t−1} − lr_t·(sign(m_t) + wd·θ_{t−1})
 * </pre>
 * State per parameter: {@code momentum_buffer}.
 */
public final class Signum extends Optimizer {
    private final double beta;
    private final double weightDecay;
    private final Map<String, Tensor> momentum = new LinkedHashMap<>();

    public Signum(Map<String, Parameter> params, double lr, double beta, double weightDecay, double clipNorm) {
        super(params, lr, clipNorm);
        this.beta = beta;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> momentum.put(name, state(name + ".momentum_buffer", torch.zeros_like(p.tensor()))));
    }

    @Override
    protected void update(long t) {
        double lr = learningRate();
        forEachGradient((name, p, g) ->
                descend(p, momentum.get(name).lerp_(g, Tensors.s(1 - beta)).sign(), lr, weightDecay));
    }
}
