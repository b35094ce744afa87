package org.lmlab.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.RowBlock;
import org.lmlab.tensor.Tensors;

/**
 * PSGD Kron (Li 2018, "Preconditioner on Matrix Lie Group for SGD"; Kronecker-factored, after psgd_torch and
 * Levanter's port), as in "Fantastic Pretraining Optimizers and Where to Find Them". Per weight matrix (per logical
 * matrix of a fused weight), with upper-triangular factors Q_L, Q_R starting at the identity:
 * <pre>
 *   m_t = β₁m_{t−1} + (1−β₁)g_t            M = m_t / (1−β₁ᵗ)
 *   (when due)  V ~ N(0, I);  G = M + √ε_f32·mean|M|·V;  A = Q_L G Q_Rᵀ;  C = Q_L⁻ᵀ V Q_R⁻¹
 *               Q_L ← Q_L − η_p/‖AAᵀ+CCᵀ‖·triu(AAᵀ − CCᵀ)·Q_L,   Q_R likewise with AᵀA, CᵀC
 *   u = Q_LᵀQ_L · M · Q_RᵀQ_R;   u ← u / max(1, rms(u)/1.1)
 *   θ_t = θ_{t−1} − lr_t·(u + wd·θ_{t−1})
 * </pre>
 * Vectors (gains, biases) use one diagonal factor, as do sides longer than 25,000. The preconditioner is updated
 * with probability p(t) = clamp(exp(−0.001·(t − 500)), p_min, 1): 1 for the first 500 steps, then annealed to
 * p_min ≈ 0.05 — realized, as in the reference, deterministically by a counter (update when it reaches 1/p), and
 * every 100th update first rebalances the factors of each matrix to equal max-norms. The random V is a pure
 * function of (seed, step, block), so a resumed run draws the same vectors. No dimension merging or blocking.
 * State: {@code exp_avg}; per block {@code q_left}, {@code q_right}; {@code kron.update_counter},
 * {@code kron.balance_counter}.
 */
public final class Kron extends Optimizer {
    static final long MAX_TRIANGULAR = 25_000;
    private static final double RMS_CLIP = 1.1;
    private static final double DAMPING = Math.sqrt(Math.ulp(1.0f));
    private static final double ANNEAL_RATE = 0.001;
    private static final int BALANCE_EVERY = 100;

    private final double beta1;
    private final double weightDecay;
    private final double preconditionerLr;
    private final double minProbability;
    private final long flatSteps;
    private final long seed;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, List<Tensor[]>> factors = new LinkedHashMap<>();
    private final Map<String, Long> firstBlock = new LinkedHashMap<>();
    private final Tensor updateCounter;
    private final Tensor balanceCounter;

    public Kron(Map<String, Parameter> params, double lr, double beta1, double preconditionerLr,
            double minProbability, long flatSteps, double weightDecay, double clipNorm, long seed) {
        super(params, lr, clipNorm);
        this.beta1 = beta1;
        this.weightDecay = weightDecay;
        this.preconditionerLr = preconditionerLr;
        this.minProbability = minProbability;
        this.flatSteps = flatSteps;
        this.seed = seed;
        params.forEach((name, p) -> {
            expAvg.put(name, state(name + ".exp_avg", torch.zeros_like(p.tensor())));
            long cols = RowBlocks.columns(p);
            boolean vector = p.tensor().dim() < 2;
            List<Tensor[]> perBlock = new ArrayList<>();
            for (RowBlock b : p.blocks()) {
                Tensor left = state(RowBlocks.stateName(name, b, "q_left"), identity(b.rows(), vector, p.tensor()));
                Tensor right = vector ? null
                        : state(RowBlocks.stateName(name, b, "q_right"), identity(cols, false, p.tensor()));
                perBlock.add(new Tensor[] {left, right});
            }
            firstBlock.put(name, factors.values().stream().mapToLong(List::size).sum());
            factors.put(name, perBlock);
        });
        // Counters stay on the CPU whatever the device: reading them each step costs no device sync.
        this.updateCounter = state("kron.update_counter", counter());
        this.balanceCounter = state("kron.balance_counter", counter());
    }

    private static Tensor counter() {
        return torch.zeros(new long[] {1}, Tensors.options(ScalarType.Long));
    }

    private static Tensor identity(long n, boolean diagonal, Tensor like) {
        var options = Tensors.options(like.scalar_type(), like.device());
        return diagonal || n == 1 || n > MAX_TRIANGULAR ? torch.ones(new long[] {n}, options) : torch.eye(n, options);
    }

    /** The probability of a preconditioner update at step t (1-based). */
    static double updateProbability(long t, double minProbability, long flatSteps) {
        return Math.max(minProbability, Math.min(1.0, Math.exp(-ANNEAL_RATE * (t - flatSteps))));
    }

    @Override
    protected void update(long t) {
        boolean fit = countTo(updateCounter, 1.0 / updateProbability(t, minProbability, flatSteps));
        boolean balance = fit && countTo(balanceCounter, BALANCE_EVERY);
        double lr = learningRate();
        double bias = 1 - Math.pow(beta1, t);
        forEachGradient((name, p, g) -> {
            try (PointerScope scope = new PointerScope()) {
                Tensor m = expAvg.get(name).lerp_(g, Tensors.s(1 - beta1)).div(Tensors.s(bias));
                Tensor u = torch.empty_like(m);
                List<Tensor> ms = RowBlocks.views(p, Linalg.matrix(m));
                List<Tensor> us = RowBlocks.views(p, Linalg.matrix(u));
                for (int i = 0; i < ms.size(); i++) {
                    Tensor[] q = factors.get(name).get(i);
                    if (balance) {
                        balance(q);
                    }
                    if (fit) {
                        fit(q, ms.get(i), SeededNoise.gaussian(seed, t, firstBlock.get(name) + i, ms.get(i)));
                    }
                    Tensor precond = KronFactors.precondition(q[0], KronFactors.precondition(q[1], ms.get(i).t()).t());
                    us.get(i).copy_(precond.div_(rms(precond).div_(Tensors.s(RMS_CLIP)).clamp_min_(Tensors.s(1.0))));
                }
                descend(p, u, lr, weightDecay);
            }
        });
    }

    /** Advances {@code counter}; true (and the counter reset to 0) when it reaches {@code limit}. */
    private static boolean countTo(Tensor counter, double limit) {
        long count = counter.item_long() + 1;
        boolean reached = count >= limit;
        counter.fill_(Tensors.s(reached ? 0L : count));
        return reached;
    }

    private void fit(Tensor[] q, Tensor momentum, Tensor v) {
        Tensor g = momentum.add(v.mul(momentum.abs().mean()), Tensors.s(DAMPING));
        Tensor a = KronFactors.apply(q[0], KronFactors.apply(q[1], g.t()).t());
        Tensor c = KronFactors.solveTransposed(q[0], KronFactors.solveTransposed(q[1], v.t()).t());
        // Both factors move from the same A and C, computed with the old factors.
        KronFactors.fit(q[0], a, c, preconditionerLr);
        KronFactors.fit(q[1], a.t(), c.t(), preconditionerLr);
    }

    /** Rescales the factors of one matrix to the geometric mean of their max-norms (their product is unchanged). */
    private static void balance(Tensor[] q) {
        if (q[1] == null) {
            return;
        }
        Tensor left = q[0].abs().amax();
        Tensor right = q[1].abs().amax();
        Tensor mean = left.mul(right).sqrt_();
        q[0].mul_(mean.div(left));
        q[1].mul_(mean.div(right));
    }

    private static Tensor rms(Tensor x) {
        return x.square().mean().sqrt_();
    }
}
