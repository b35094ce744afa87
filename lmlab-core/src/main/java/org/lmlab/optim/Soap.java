package org.lmlab.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.RowBlock;
import org.lmlab.tensor.Tensors;

/**
 * SOAP — ShampoO with Adam in the Preconditioner's eigenbasis (Vyas et al. 2024, "SOAP: Improving and Stabilizing
 * Shampoo using Adam", Algorithms 2–4), as in "Fantastic Pretraining Optimizers and Where to Find Them". Per weight
 * matrix G (per logical matrix of a fused weight; a vector is an [n, 1] matrix):
 * <pre>
 *   L ← lerp(L, G Gᵀ, 1−β_s)        R ← lerp(R, Gᵀ G, 1−β_s)
 *   G′ = Q_Lᵀ G Q_R                   v ← β₂v + (1−β₂)G′²       (v lives in the rotated basis)
 *   m ← β₁m + (1−β₁)G                 u = Q_L (Q_Lᵀ m Q_R / (√v + ε)) Q_Rᵀ · √(1−β₂ᵗ)/(1−β₁ᵗ)
 *   θ ← θ − lr·(u + wd·θ)
 * </pre>
 * Step 1 only initializes: L, R from the first gradient and Q_L, Q_R = their eigenvectors (descending) — u = 0,
 * so only weight decay moves θ, and the moments start at step 2 (their bias correction still counts step 1, as
 * the reference does). Every f steps the bases are refreshed by one power iteration: the columns of Q are sorted by
 * the estimated eigenvalues diag(Qᵀ L Q) (descending), v is permuted the same way along that side, and
 * Q ← QR(L·Q). The refresh uses L and R updated with this step's gradient, as the paper's Algorithm does (Levanter
 * uses the previous step's). No dimension merging or blocking; a side longer than 10,000 (a large vocabulary) is
 * left unrotated, as in the reference. State: {@code exp_avg}, {@code exp_avg_sq}, and per block {@code gg_left},
 * {@code gg_right}, {@code q_left}, {@code q_right}.
 */
public final class Soap extends Optimizer {
    static final long MAX_PRECONDITION_DIM = 10_000;

    private final double beta1;
    private final double beta2;
    private final double shampooBeta;
    private final double eps;
    private final double weightDecay;
    private final int frequency;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();
    private final Map<String, List<Side[]>> sides = new LinkedHashMap<>();

    /** One side's statistics (L or R) and eigenbasis; null where the side is left unrotated. */
    private record Side(Tensor gg, Tensor q) {}

    public Soap(Map<String, Parameter> params, double lr, double beta1, double beta2, double shampooBeta,
            double eps, int frequency, double weightDecay, double clipNorm) {
        super(params, lr, clipNorm);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.shampooBeta = shampooBeta;
        this.eps = eps;
        this.frequency = frequency;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> {
            expAvg.put(name, state(name + ".exp_avg", torch.zeros_like(p.tensor())));
            expAvgSq.put(name, state(name + ".exp_avg_sq", torch.zeros_like(p.tensor())));
            long cols = RowBlocks.columns(p);
            List<Side[]> perBlock = new ArrayList<>();
            for (RowBlock b : p.blocks()) {
                perBlock.add(new Side[] {side(name, b, "left", b.rows(), p), side(name, b, "right", cols, p)});
            }
            sides.put(name, perBlock);
        });
    }

    private Side side(String param, RowBlock block, String which, long n, Parameter p) {
        if (n > MAX_PRECONDITION_DIM) {
            return null;
        }
        var options = Tensors.options(p.tensor().scalar_type(), p.tensor().device());
        long[] shape = {n, n};
        return new Side(state(RowBlocks.stateName(param, block, "gg_" + which), torch.zeros(shape, options)),
                state(RowBlocks.stateName(param, block, "q_" + which), torch.zeros(shape, options)));
    }

    @Override
    protected void update(long t) {
        double lr = learningRate();
        double correction = Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        if (t == 1) {
            // Every basis is set now, a parameter without a gradient from a zero one (as the reference's zero
            // gradients do): a basis left at zero would project every later gradient to nothing.
            params.forEach((name, p) -> {
                try (PointerScope scope = new PointerScope()) {
                    initialize(p, p.grad().defined() ? p.grad() : torch.zeros_like(p.tensor()), sides.get(name));
                }
            });
        }
        forEachGradient((name, p, g) -> {
            // Temporaries of one parameter die here rather than at the end of the whole step.
            try (PointerScope scope = new PointerScope()) {
                Tensor u = torch.zeros_like(p.tensor());
                if (t > 1) {
                    Tensor m = expAvg.get(name).lerp_(g, Tensors.s(1 - beta1));
                    List<Tensor> gs = RowBlocks.views(p, Linalg.matrix(g));
                    List<Tensor> ms = RowBlocks.views(p, Linalg.matrix(m));
                    List<Tensor> vs = RowBlocks.views(p, Linalg.matrix(expAvgSq.get(name)));
                    List<Tensor> us = RowBlocks.views(p, Linalg.matrix(u));
                    for (int i = 0; i < gs.size(); i++) {
                        Side[] pair = sides.get(name).get(i);
                        step(gs.get(i), ms.get(i), vs.get(i), us.get(i), pair[0], pair[1], t);
                    }
                    u.mul_(Tensors.s(correction));
                }
                descend(p, u, lr, weightDecay);
            }
        });
    }

    private void initialize(Parameter p, Tensor g, List<Side[]> perBlock) {
        List<Tensor> gs = RowBlocks.views(p, Linalg.matrix(g));
        for (int i = 0; i < gs.size(); i++) {
            Tensor gb = gs.get(i);
            accumulate(perBlock.get(i)[0], gb.mm(gb.t()));
            accumulate(perBlock.get(i)[1], gb.t().mm(gb));
            for (Side s : perBlock.get(i)) {
                if (s != null) {
                    s.q().copy_(Linalg.eigenvectorsDescending(s.gg(), eps));
                }
            }
        }
    }

    private void step(Tensor g, Tensor m, Tensor v, Tensor u, Side left, Side right, long t) {
        Tensor rotated = project(g, left, right);
        v.mul_(Tensors.s(beta2)).addcmul_(rotated, rotated, Tensors.s(1 - beta2));
        u.copy_(projectBack(project(m, left, right).div_(v.sqrt().add_(Tensors.s(eps))), left, right));
        accumulate(left, g.mm(g.t()));
        accumulate(right, g.t().mm(g));
        if (t % frequency == 0) {
            if (left != null) {
                refresh(left.gg(), left.q(), v, 0);
            }
            if (right != null) {
                refresh(right.gg(), right.q(), v, 1);
            }
        }
    }

    private void accumulate(Side s, Tensor outer) {
        if (s != null) {
            s.gg().lerp_(outer, Tensors.s(1 - shampooBeta));
        }
    }

    /** Q_Lᵀ X Q_R. */
    private static Tensor project(Tensor x, Side left, Side right) {
        Tensor y = left == null ? x : left.q().t().mm(x);
        return right == null ? y : y.mm(right.q());
    }

    /** Q_L X Q_Rᵀ. */
    private static Tensor projectBack(Tensor x, Side left, Side right) {
        Tensor y = left == null ? x : left.q().mm(x);
        return right == null ? y : y.mm(right.q().t());
    }

    /**
     * One power-iteration refresh of the eigenbasis {@code q} of {@code gg}, in place: sort q's columns by the
     * estimated eigenvalues diag(qᵀ gg q), descending; permute {@code v} the same way along {@code dim} (0 for the
     * left side's rows, 1 for the right side's columns) so each second moment stays with its direction; then
     * q ← QR(gg · q).
     */
    static void refresh(Tensor gg, Tensor q, Tensor v, int dim) {
        Tensor estimates = Linalg.sum(gg.mm(q).mul_(q), 0);
        Tensor order = torch.argsort(estimates, true, 0, true);
        v.copy_(v.index_select(dim, order));
        q.copy_(Linalg.qrQ(gg.mm(q.index_select(1, order))));
    }
}
