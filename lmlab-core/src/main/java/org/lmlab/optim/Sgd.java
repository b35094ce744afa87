package org.lmlab.optim;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * Plain (stochastic) gradient descent, θ ← θ − lr · (g + wd · θ), weight decay on the roles {@link AdamW#decays}
 * names. No state. The base of the SAM papers' experiments ("How Does Sharpness-Aware Minimization Minimize
 * Sharpness?", §2: x ← x − η ∇L(x + ε)) and of any run that wants the bare gradient step.
 */
public final class Sgd extends Optimizer {
    private final double weightDecay;

    public Sgd(Map<String, Parameter> params, double lr, double weightDecay, double clipNorm) {
        super(params, lr, clipNorm);
        this.weightDecay = weightDecay;
    }

    @Override
    protected void update(long t) {
        double lr = learningRate();
        for (Parameter p : params.values()) {
            Tensor g = p.grad();
            if (!g.defined()) {
                continue;
            }
            if (weightDecay != 0 && AdamW.decays(p.role())) {
                p.tensor().mul_(Tensors.s(1 - lr * weightDecay));
            }
            p.tensor().add_(g, Tensors.s(-lr));
        }
    }

    @Override
    protected Map<String, Tensor> liveState() {
        return Map.of();
    }
}
