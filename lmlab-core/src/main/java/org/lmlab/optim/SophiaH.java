package org.lmlab.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;

/**
 * Sophia-H (Liu et al. 2024, "Sophia: A Scalable Stochastic Second-order Optimizer for Language Model
 * Pre-training", Algorithms 1 and 3), as in Levanter and "Fantastic Pretraining Optimizers and Where to Find Them":
 * <pre>
 *   m_t = β₁m_{t−1} + (1−β₁)g_t
 *   u_t = clip((m_t/(1−β₁ᵗ)) / max(γ·h, ε), −1, 1)         (per element)
 *   θ_t = θ_{t−1} − lr_t·(u_t + wd·θ_{t−1})
 *   every k steps (t mod k = 0):  h ← β₂h + (1−β₂)·u ⊙ (H u),  u ~ N(0, I)   (Hutchinson, at θ_{t−1})
 * </pre>
 * The step uses the curvature estimate from before this step's refresh; h starts at 0, so the first k steps are
 * clipped sign steps. H u is taken on the step's own batch through {@link LossClosure#loss()}. The probe u is a pure
 * function of (seed, step, parameter), so a resumed run draws the same probes. State: {@code exp_avg},
 * {@code hessian}.
 */
public final class SophiaH extends Optimizer {
    private static final double CLIP = 1.0;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double gamma;
    private final double weightDecay;
    private final int interval;
    private final long seed;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> hessian = new LinkedHashMap<>();

    public SophiaH(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double gamma,
            int interval, double weightDecay, double clipNorm, long seed) {
        super(params, lr, clipNorm);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.gamma = gamma;
        this.interval = interval;
        this.weightDecay = weightDecay;
        this.seed = seed;
        params.forEach((name, p) -> {
            expAvg.put(name, state(name + ".exp_avg", torch.zeros_like(p.tensor())));
            hessian.put(name, state(name + ".hessian", torch.zeros_like(p.tensor())));
        });
    }

    @Override
    protected void update(long t, LossClosure closure) {
        List<Tensor> estimate = null;
        if (t % interval == 0) {
            List<Parameter> ps = new ArrayList<>(params.values());
            List<Tensor> probes = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                probes.add(SeededNoise.gaussian(seed, t, i, ps.get(i).tensor()));
            }
            estimate = Hutchinson.diagonal(closure, ps, probes);
        }
        update(t);
        if (estimate != null) {
            int i = 0;
            for (Tensor h : hessian.values()) {
                h.lerp_(estimate.get(i++), Tensors.s(1 - beta2));
            }
        }
    }

    /** The step with the current curvature estimate (no refresh). */
    @Override
    protected void update(long t) {
        double lr = learningRate();
        double bias = 1 - Math.pow(beta1, t);
        forEachGradient((name, p, g) -> {
            Tensor scale = hessian.get(name).mul(Tensors.s(gamma)).clamp_min_(Tensors.s(eps));
            Tensor u = expAvg.get(name).lerp_(g, Tensors.s(1 - beta1)).div(Tensors.s(bias)).div_(scale)
                    .clamp_min_(Tensors.s(-CLIP)).clamp_max_(Tensors.s(CLIP));
            descend(p, u, lr, weightDecay);
        });
    }
}
