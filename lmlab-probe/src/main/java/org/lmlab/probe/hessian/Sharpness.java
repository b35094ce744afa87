package org.lmlab.probe.hessian;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Hvp;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * The three notions of sharpness of "How Does Sharpness-Aware Minimization Minimize Sharpness?" (Wen, Ma, Li
 * 2022, §3), for a loss L at the current parameters θ and radius ρ:
 * <pre>
 *   worst-direction   R^Max_ρ(θ) = max_{‖v‖₂ ≤ 1} L(θ + ρ v) − L(θ)          → ρ²/2 · λ_max(∇²L)   at a minimum
 *   ascent-direction  R^Asc_ρ(θ) = L(θ + ρ ∇L/‖∇L‖₂) − L(θ)
 *   average-direction R^Avg_ρ(θ) = E_{g∼N(0,I)} L(θ + ρ g/‖g‖₂) − L(θ)      → ρ²/(2D) · Tr(∇²L)  at a minimum
 * </pre>
 * Full-batch SAM minimizes the worst-direction notion, stochastic 1-SAM the average-direction one; the ascent
 * direction is SAM's own (misleading on its own) approximation. The maximum is estimated by normalized gradient
 * ascent on the sphere, v ← ∇L(θ + ρv)/‖∇L(θ + ρv)‖ (power iteration on the Hessian for a quadratic), from the
 * ascent direction, a random direction and any given starts; the largest value seen is returned, so it is a
 * lower bound on R^Max. The average is a Monte Carlo mean over seeded directions. Parameters are restored bit for
 * bit after every evaluation.
 */
public final class Sharpness {
    private final List<Parameter> params;
    private final List<Tensor> leaves;
    private final Supplier<Tensor> loss;

    /** {@code loss} recomputes the (scalar) loss at the current parameters, e.g. on a fixed batch. */
    public Sharpness(List<Parameter> params, Supplier<Tensor> loss) {
        this.params = List.copyOf(params);
        this.leaves = params.stream().map(Parameter::tensor).toList();
        this.loss = loss;
    }

    /** R^Asc_ρ; 0 where the gradient vanishes. */
    public double ascent(double rho) {
        Tensor g = gradientAt(null);
        double norm = g.norm().item_double();
        if (norm == 0) {
            return 0;
        }
        return lossAt(g.mul(Tensors.s(rho / norm))) - lossAt(null);
    }

    /** R^Avg_ρ by the mean over {@code samples} uniformly random directions on the sphere. */
    public double average(double rho, int samples, long seed) {
        RandomVectors rng = new RandomVectors(seed, options());
        double base = lossAt(null);
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            sum += lossAt(rng.unit(dim()).mul_(Tensors.s(rho))) - base;
        }
        return sum / samples;
    }

    /** R^Max_ρ estimated by {@code iters} steps of normalized ascent from each start (flat vectors, any length). */
    public double worst(double rho, int iters, long seed, Tensor... starts) {
        double base = lossAt(null);
        List<Tensor> from = new ArrayList<>();
        Tensor g = gradientAt(null);
        if (g.norm().item_double() > 0) {
            from.add(g);
        }
        from.add(new RandomVectors(seed, options()).unit(dim()));
        from.addAll(List.of(starts));
        double best = Double.NEGATIVE_INFINITY;
        for (Tensor start : from) {
            Tensor v = start.div(start.norm());
            for (int it = 0; it <= iters; it++) {
                Tensor delta = v.mul(Tensors.s(rho));
                best = Math.max(best, lossAt(delta) - base);
                if (it == iters) {
                    break;
                }
                Tensor next = gradientAt(delta);
                double n = next.norm().item_double();
                if (n == 0) {
                    break;
                }
                v = next.div_(Tensors.s(n));
            }
        }
        return best;
    }

    private long dim() {
        long d = 0;
        for (Tensor t : leaves) {
            d += t.numel();
        }
        return d;
    }

    private org.bytedeco.pytorch.TensorOptions options() {
        return Tensors.options(leaves.get(0).scalar_type(), leaves.get(0).device());
    }

    /** L(θ + δ) without gradients; δ == null means δ = 0. */
    private double lossAt(Tensor delta) {
        List<Tensor> saved = shift(delta);
        try (NoGrad g = NoGrad.enter()) {
            return loss.get().item_double();
        } finally {
            restore(saved);
        }
    }

    /** ∇L(θ + δ), flat. */
    private Tensor gradientAt(Tensor delta) {
        List<Tensor> saved = shift(delta);
        try {
            return Hvp.flatten(Hvp.gradient(loss.get(), leaves));
        } finally {
            restore(saved);
        }
    }

    private List<Tensor> shift(Tensor delta) {
        if (delta == null) {
            return null;
        }
        List<Tensor> saved = new ArrayList<>(leaves.size());
        try (NoGrad g = NoGrad.enter()) {
            long at = 0;
            for (Tensor t : leaves) {
                saved.add(t.clone());
                long n = t.numel();
                t.add_(Tensors.slice(delta, 0, at, at + n).view(Tensors.shape(t)));
                at += n;
            }
        }
        return saved;
    }

    private void restore(List<Tensor> saved) {
        if (saved == null) {
            return;
        }
        try (NoGrad g = NoGrad.enter()) {
            for (int i = 0; i < leaves.size(); i++) {
                leaves.get(i).copy_(saved.get(i));
            }
        }
    }

    public List<Parameter> parameters() {
        return params;
    }
}
