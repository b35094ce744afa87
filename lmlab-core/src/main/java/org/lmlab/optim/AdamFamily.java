package org.lmlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * The skeleton the Adam variants share: first and second moments per parameter ({@code exp_avg},
 * {@code exp_avg_sq}), a per-parameter direction u computed from them, then {@link #descend}. Subclasses say how
 * the moments turn into u (and, for Adam-mini, what shape the second moment has).
 */
abstract class AdamFamily extends Optimizer {
    protected final double beta1;
    protected final double beta2;
    protected final double eps;
    private final double weightDecay;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();

    AdamFamily(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            double clipNorm) {
        super(params, lr, clipNorm);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> {
            expAvg.put(name, state(name + ".exp_avg", torch.zeros_like(p.tensor())));
            expAvgSq.put(name, state(name + ".exp_avg_sq", secondMoment(p)));
        });
    }

    /** A zero second moment for {@code p}: one entry per element unless a subclass shares entries. */
    Tensor secondMoment(Parameter p) {
        return torch.zeros_like(p.tensor());
    }

    /** Updates the moments {@code m}, {@code v} of {@code p} from gradient {@code g} and returns the direction u. */
    abstract Tensor direction(Parameter p, Tensor g, Tensor m, Tensor v, long t);

    /** Work over all parameters before the per-parameter loop (Mars's global clip). */
    void prepare(long t) {}

    @Override
    protected final void update(long t) {
        prepare(t);
        double lr = learningRate();
        forEachGradient((name, p, g) ->
                descend(p, direction(p, g, expAvg.get(name), expAvgSq.get(name), t), lr, weightDecay));
    }

    /** m ← β₁m + (1−β₁)g and v ← β₂v + (1−β₂)g², in place. */
    final void accumulate(Tensor m, Tensor v, Tensor g) {
        m.lerp_(g, Tensors.s(1 - beta1));
        v.mul_(Tensors.s(beta2)).addcmul_(g, g, Tensors.s(1 - beta2));
    }

    /** √(v / (1−β₂ᵗ)) + ε, a new tensor. */
    final Tensor denominator(Tensor v, long t) {
        return v.div(Tensors.s(1 - Math.pow(beta2, t))).sqrt_().add_(Tensors.s(eps));
    }

    /** Adam's direction (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε) after accumulating g. */
    final Tensor adam(Tensor g, Tensor m, Tensor v, long t) {
        accumulate(m, v, g);
        return m.div(denominator(v, t)).div_(Tensors.s(1 - Math.pow(beta1, t)));
    }
}
