package org.lmlab.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * Sharpness-aware minimization as a wrapper around any base optimizer: SAM changes <em>where</em> the gradient is
 * evaluated, the base optimizer (AdamW, Muon, …) decides what to do with it. With g = ∇L(θ) on the step's batch,
 * <pre>
 *   SAM   (normalized, Foret et al. 2021):  ε = ρ · g / ‖g‖₂,        update with ∇L(θ + ε)
 *   USAM  (unnormalized):                  ε = ρ · g,              update with ∇L(θ + ε)
 *   1-SAM (stochastic, one ascent per sample i of the batch):
 *         εᵢ = ρ · ∇Lᵢ(θ) / ‖∇Lᵢ(θ)‖₂,   update with (1/n) Σᵢ ∇Lᵢ(θ + εᵢ)
 * </pre>
 * as defined in "How Does Sharpness-Aware Minimization Minimize Sharpness?" (Wen, Ma, Li 2022, §2 and §5):
 * full-batch SAM regularizes λ_max(∇²L), 1-SAM the trace, and USAM has no such drift at small step sizes. With
 * plain gradient descent as the base, one step is θ ← θ − η ∇L(θ + ε).
 *
 * <p>Composition: the {@link #gradient} hook of {@link Optimizer} is overridden — it evaluates the ascent
 * gradient, moves to θ + ε, evaluates the descent gradient on the <em>same</em> batch (the closure is called
 * again), and restores θ bit for bit from a copy; then the usual step continues (clip, finiteness check) and
 * {@link #update} hands the descent gradient to the base optimizer at this optimizer's learning rate. The base's
 * own {@code step} is never called, so its clip setting is taken over here and its state is this optimizer's
 * state (same names in checkpoints). ‖g‖ = 0 gives ε = 0 (a plain step).
 */
public final class Sam extends Optimizer {
    /** Which perturbation (config value {@code optim.sam}). */
    public enum Variant { SAM, USAM, ONE_SAM }

    private final Optimizer base;
    private final Variant variant;
    private final double rho;

    /** Wraps {@code base} (which must not be stepped on its own afterwards) with perturbation radius ρ. */
    public Sam(Optimizer base, Variant variant, double rho) {
        super(base.params, base.learningRate(), base.clipNorm());
        if (!(rho >= 0)) {
            throw new IllegalArgumentException("rho must be >= 0");
        }
        this.base = base;
        this.variant = variant;
        this.rho = rho;
    }

    public Variant variant() {
        return variant;
    }

    public double rho() {
        return rho;
    }

    @Override
    protected Tensor gradient(LossClosure closure) {
        return variant == Variant.ONE_SAM ? perSample(closure) : batch(closure);
    }

    /** SAM and USAM: one ascent on the batch loss, then the gradient at θ + ε. */
    private Tensor batch(LossClosure closure) {
        zeroGrad();
        Tensor loss = closure.compute();
        List<Tensor> saved = perturb();
        zeroGrad();
        closure.compute();
        restore(saved);
        return loss;
    }

    /** 1-SAM: per sample, an ascent on Lᵢ and the gradient of Lᵢ there; the descent gradient is their mean. */
    private Tensor perSample(LossClosure closure) {
        int n = closure.sampleCount();
        if (n <= 0) {
            throw new IllegalArgumentException("1-SAM needs a loss closure with per-sample losses "
                    + "(LossClosure.sampleCount() > 0)");
        }
        List<Parameter> ps = parameterList();
        List<Tensor> sum = new ArrayList<>(ps.size());
        for (Parameter p : ps) {
            sum.add(torch.zeros_like(p.tensor()));
        }
        Tensor loss = null;
        for (int i = 0; i < n; i++) {
            zeroGrad();
            Tensor li = closure.computeSample(i).detach();
            loss = loss == null ? li : loss.add(li);
            List<Tensor> saved = perturb();
            zeroGrad();
            closure.computeSample(i);
            restore(saved);
            try (NoGrad g = NoGrad.enter()) {
                for (int j = 0; j < ps.size(); j++) {
                    Tensor gj = ps.get(j).grad();
                    if (gj.defined()) {
                        sum.get(j).add_(gj);
                    }
                }
            }
        }
        // Leave the mean in grad(): the rest of the step (clip, base update) reads it from there.
        try (NoGrad g = NoGrad.enter()) {
            for (int j = 0; j < ps.size(); j++) {
                Tensor mean = sum.get(j).div_(Tensors.s((double) n));
                Tensor grad = ps.get(j).grad();
                if (grad.defined()) {
                    grad.copy_(mean);
                } else {
                    ps.get(j).tensor().mutable_grad().put(mean);
                }
            }
        }
        return loss.div(Tensors.s((double) n));
    }

    /**
     * Moves θ to θ + ε with ε from the gradients currently held (normalized for SAM and 1-SAM, raw for USAM) and
     * returns copies of the original parameters.
     */
    private List<Tensor> perturb() {
        List<Parameter> ps = parameterList();
        List<Tensor> saved = new ArrayList<>(ps.size());
        try (NoGrad g = NoGrad.enter()) {
            double scale = rho;
            if (variant != Variant.USAM) {
                double norm = globalNorm(ps);
                scale = norm > 0 ? rho / norm : 0;
            }
            for (Parameter p : ps) {
                saved.add(p.tensor().clone());
                Tensor grad = p.grad();
                if (grad.defined() && scale != 0) {
                    p.tensor().add_(grad, Tensors.s(scale));
                }
            }
        }
        return saved;
    }

    private void restore(List<Tensor> saved) {
        List<Parameter> ps = parameterList();
        try (NoGrad g = NoGrad.enter()) {
            for (int j = 0; j < ps.size(); j++) {
                ps.get(j).tensor().copy_(saved.get(j));
            }
        }
    }

    /** ‖g‖₂ over every parameter's gradient (one host sync). */
    static double globalNorm(List<Parameter> ps) {
        Tensor sq = null;
        for (Parameter p : ps) {
            Tensor g = p.grad();
            if (g.defined()) {
                Tensor s = g.pow(Tensors.s(2.0)).sum().to(torch.ScalarType.Double);
                sq = sq == null ? s : sq.add(s);
            }
        }
        return sq == null ? 0 : Math.sqrt(sq.item_double());
    }

    @Override
    protected void update(long t) {
        base.setLearningRate(learningRate());
        base.update(t);
    }

    /** Passes the closure on, so that a base that needs it (Sophia-H's Hessian estimate) keeps it under SAM. */
    @Override
    protected void update(long t, LossClosure closure) {
        base.setLearningRate(learningRate());
        base.update(t, closure);
    }

    @Override
    protected Map<String, Tensor> liveState() {
        return base.liveState();
    }
}
