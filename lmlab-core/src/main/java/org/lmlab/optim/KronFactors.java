package org.lmlab.optim;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * The algebra of one Kronecker factor Q of PSGD Kron (Li 2018, "Preconditioner on Matrix Lie Group for SGD"; the
 * Kron variant of psgd_torch), acting on the rows of a matrix X. A factor is an upper-triangular matrix (a 2-D
 * tensor), a diagonal (a 1-D tensor: for vectors and very long sides), or null (identity). The column side of a
 * matrix is handled by the same code on Xᵀ.
 */
final class KronFactors {
    private KronFactors() {}

    /** Q X. */
    static Tensor apply(Tensor q, Tensor x) {
        if (q == null) {
            return x;
        }
        return q.dim() == 2 ? q.mm(x) : x.mul(q.unsqueeze(1));
    }

    /** Qᵀ Q X, the preconditioner P = QᵀQ of this side applied to X. */
    static Tensor precondition(Tensor q, Tensor x) {
        if (q == null) {
            return x;
        }
        return q.dim() == 2 ? q.t().mm(q.mm(x)) : x.mul(q.square().unsqueeze(1));
    }

    /** Q⁻ᵀ X by a triangular solve (as cheap as a matmul, and exact where Q⁻¹ would not be). */
    static Tensor solveTransposed(Tensor q, Tensor x) {
        if (q == null) {
            return x;
        }
        return q.dim() == 2 ? torch.linalg_solve_triangular(q.t(), x, false, true, false) : x.div(q.unsqueeze(1));
    }

    /**
     * One step of the preconditioner fit on this side, from A = Q·G (both sides applied) and C = Q⁻ᵀ·V:
     * triangular Q ← Q − η/‖A Aᵀ + C Cᵀ‖ · triu(A Aᵀ − C Cᵀ) Q, with the spectral norm bounded from below
     * cheaply; diagonal q ← q − η/max|a + c| · (a − c) ⊙ q with a, c the row sums of A², C².
     */
    static void fit(Tensor q, Tensor a, Tensor c, double lr) {
        if (q == null) {
            return;
        }
        if (q.dim() == 2) {
            Tensor aa = a.mm(a.t());
            Tensor cc = c.mm(c.t());
            Tensor step = normLowerBound(aa.add(cc)).add_(Tensors.s(Float.MIN_NORMAL)).reciprocal_()
                    .mul_(Tensors.s(lr));
            q.sub_(aa.sub_(cc).triu().mm(q).mul_(step));
        } else {
            Tensor aa = Linalg.sum(a.square(), 1);
            Tensor cc = Linalg.sum(c.square(), 1);
            Tensor step = aa.add(cc).abs().amax().add_(Tensors.s(Float.MIN_NORMAL)).reciprocal_().mul_(Tensors.s(lr));
            q.sub_(aa.sub_(cc).mul_(q).mul_(step));
        }
    }

    /**
     * A lower bound on the spectral norm of a symmetric matrix within a factor √2 in practice: the norm of A applied
     * twice to its largest column, normalized (the reference's {@code _norm_lower_bound}). A zero matrix gives 0.
     */
    static Tensor normLowerBound(Tensor a) {
        Tensor maxAbs = a.abs().amax();
        Tensor scaled = a.div(maxAbs);
        Tensor column = Linalg.sum(scaled.square(), 0).argmax().reshape(1);
        Tensor x = scaled.index_select(1, column).t().mm(scaled);
        Tensor bound = x.div(x.norm()).mm(scaled.t()).norm().mul(maxAbs);
        return torch.where(maxAbs.gt(Tensors.s(0.0)), bound, maxAbs);
    }
}
