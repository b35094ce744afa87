package org.lmlab.probe.hessian;

import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * The full D × D matrix of a small operator, column by column (H e_i, D products), symmetrized as (H + Hᵀ)/2 to
 * remove rounding asymmetry — the reference the estimators are tested against on tiny models, and the exact
 * spectrum and trace where D is a few thousand at most.
 */
public final class ExactHessian {
    /** Refuse to build matrices beyond this size: D products and D² entries. */
    public static final long MAX_DIM = 20_000;

    private final Tensor matrix;

    private ExactHessian(Tensor matrix) {
        this.matrix = matrix;
    }

    public static ExactHessian of(SymmetricOperator a) {
        long d = a.dim();
        if (d > MAX_DIM) {
            throw new IllegalArgumentException("exact Hessian of dimension " + d + " is too large (max " + MAX_DIM + ")");
        }
        Tensor eye = torch.eye(d, a.options());
        TensorVector cols = new TensorVector();
        for (long i = 0; i < d; i++) {
            cols.push_back(a.apply(eye.select(0, i)));
        }
        Tensor h = torch.stack(cols, 1);
        return new ExactHessian(h.add(h.t()).div_(Tensors.s(2.0)));
    }

    /** The matrix H (D × D). */
    public Tensor matrix() {
        return matrix;
    }

    /** Tr H = Σ_i H_ii. */
    public double trace() {
        return matrix.trace().item_double();
    }

    /** All eigenpairs, eigenvalues descending (float64 eigendecomposition). */
    public EigenPairs eigen() {
        T_TensorTensor_T eig = torch.linalg_eigh(matrix.to(torch.ScalarType.Double));
        double[] asc = Tensors.toDoubles(eig.get0());
        Tensor vecs = eig.get1().flip(1).t().contiguous(); // rows = eigenvectors, descending
        double[] desc = new double[asc.length];
        for (int i = 0; i < asc.length; i++) {
            desc[i] = asc[asc.length - 1 - i];
        }
        return new EigenPairs(desc, vecs.to(matrix.scalar_type()), asc.length);
    }
}
